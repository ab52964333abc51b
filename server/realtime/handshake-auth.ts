import type { ExtendedError } from "socket.io";
import { z } from "zod";
import type { AuthService } from "../auth/auth-service";
import { sessionTokenFromCookieHeader } from "../auth/session-cookie";
import type { SignalDeskSocket } from "./socket-types";

const HandshakeAuthSchema = z.object({ token: z.string().min(1).max(8192).optional() }).catch({});

/**
 * io.use() middleware: the session token comes from `auth.token` (other clients) or the next-auth cookie
 * (browsers). Anything else is refused with `unauthorized`, and the identity it proves is the only one
 * the socket ever has. It never throws: a middleware that throws leaves the connection unanswered and
 * its pre-connect socket in memory.
 */
export function handshakeAuth(auth: AuthService) {
  return (socket: SignalDeskSocket, next: (error?: ExtendedError) => void) => {
    let sessionToken: string | undefined;
    try {
      const { token } = HandshakeAuthSchema.parse(socket.handshake.auth);
      sessionToken = token ?? sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    } catch {
      sessionToken = undefined;
    }
    auth
      .identifyToken(sessionToken)
      .then((identity) => {
        if (!identity) return next(new Error("unauthorized"));
        socket.data = identity;
        next();
      })
      // The database did not answer: not the client's fault, so not `unauthorized` (which sends a page to
      // /login); the client retries with backoff.
      .catch(() => next(new Error("unavailable")));
  };
}
