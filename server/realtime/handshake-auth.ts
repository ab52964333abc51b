import type { ExtendedError } from "socket.io";
import { z } from "zod";
import { type AuthService, sessionTokenFromCookieHeader } from "../auth/auth-service";
import type { SignalDeskSocket } from "./socket-types";

const HandshakeAuthSchema = z.object({ token: z.string().min(1).max(8192).optional() }).catch({});

/**
 * io.use() middleware: the session token comes from `auth.token` (other clients) or the next-auth cookie
 * (browsers). Anything else is refused with `unauthorized`, and the identity it proves is the only one
 * the socket ever has.
 */
export function handshakeAuth(auth: AuthService) {
  return (socket: SignalDeskSocket, next: (error?: ExtendedError) => void) => {
    const { token } = HandshakeAuthSchema.parse(socket.handshake.auth);
    const sessionToken = token ?? sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    auth
      .identifyToken(sessionToken)
      .then((identity) => {
        if (!identity) return next(new Error("unauthorized"));
        socket.data = identity;
        next();
      })
      .catch(() => next(new Error("unauthorized")));
  };
}
