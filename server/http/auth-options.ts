import { randomUUID } from "node:crypto";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { PEER_ADDRESS_HEADER } from "./front-door";
import { loggerFor } from "../logger";
import { services } from "../registry";
import { disconnectSession } from "../realtime/socket-server";
import { SESSION_IDLE_S } from "../auth/session-lifetime";

const CredentialsSchema = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) });

const log = loggerFor("auth");

class SessionEndedError extends Error {
  constructor() {
    super("session ended");
  }
}

/** next-auth v4 configuration: credentials sign-in, JWT sessions carrying id, role and a session id. */
export function authOptions(): AuthOptions {
  const { auth, io, clock } = services();
  return {
    secret: auth.secret,
    session: { strategy: "jwt", maxAge: SESSION_IDLE_S },
    pages: { signIn: "/login" },
    logger: {
      // An ended session refused at renewal is routine, not an error worth a stack trace on stderr.
      error: (code, metadata) => {
        if (metadata instanceof SessionEndedError || (metadata as { error?: unknown } | undefined)?.error instanceof SessionEndedError) {
          log.info("session refused at renewal: ended");
          return;
        }
        log.error({ code, err: metadata }, "next-auth error");
      },
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = CredentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          // Set by the HTTP server (server/http/front-door.ts): the TCP peer, or the client a trusted proxy names.
          const peer = (request.headers as Record<string, unknown> | undefined)?.[PEER_ADDRESS_HEADER];
          // A TooManyAttemptsError (or SignInBusyError) propagates: next-auth hands its message to the login form.
          const user = await auth.signIn(parsed.data.email, parsed.data.password, typeof peer === "string" ? peer : "");
          if (!user) {
            log.warn("sign-in refused");
            return null;
          }
          return { id: user.id, email: user.email, role: user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.id = user.id;
          token.role = (user as { role?: string }).role;
          token.sid = randomUUID();
          // Milliseconds (JWT's iat has whole seconds): a session issued just before a disable must not survive it.
          // Kept by every renewal: the session's absolute lifetime counts from here.
          token.issued_at = clock.now();
          return token;
        }
        // A renewal (GET /api/auth/session, every page's session read) re-checks the session first: a signed-out,
        // disabled or too old one is not renewed. Throwing makes next-auth answer {} and clear the cookie.
        let identity;
        try {
          identity = await auth.identify(token);
        } catch (error) {
          // The database did not answer: that says nothing about the session, and clearing the cookie would
          // sign everyone out during an outage. Pages and APIs make their own check (503, not 401).
          log.warn({ err: error }, "session re-check at renewal failed: database unavailable");
          return token;
        }
        if (!identity) throw new SessionEndedError();
        return token;
      },
      session({ session, token }) {
        // issued_at travels along so page checks can refuse sessions issued before the user was disabled.
        return { ...session, user: { id: token.id, email: token.email, role: token.role, sid: token.sid, issued_at: token.issued_at } };
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token.sid === "string" ? token.sid : null;
        const id = typeof token.id === "string" ? token.id : null;
        if (!sid || !id) return;
        // Sockets first: closing needs neither the database nor Redis. A handshake that slips in before the
        // revocation commits is closed by the session guard, which the revocation's epoch raise wakes.
        disconnectSession(io, sid);
        await auth.revokeSession(sid, id);
      },
    },
  };
}
