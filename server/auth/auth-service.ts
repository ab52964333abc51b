import { decode, type JWT } from "next-auth/jwt";
import { z } from "zod";
import type { LoginThrottle } from "./login-throttle";
import { verifyPassword } from "./password";
import type { SessionRevocations } from "./session-revocations";
import type { Role, UserRow, UserStore } from "./user-store";

export class TooManyAttemptsError extends Error {
  constructor() {
    super("Too many failed sign-in attempts. Try again in 15 minutes.");
  }
}

/** What a valid session proves: who, in which role, under which session id. */
export interface SessionIdentity {
  userId: string;
  email: string;
  role: Role;
  sessionId: string;
}

const SessionClaimsSchema = z.object({
  id: z.string(),
  role: z.enum(["trader", "admin"]),
  email: z.string(),
  sid: z.string(),
  issued_at: z.number(),
});

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** Sign-in and session checks shared by next-auth, the API routes and the socket handshake. */
export class AuthService {
  constructor(
    private readonly users: UserStore,
    private readonly throttle: LoginThrottle,
    private readonly revocations: SessionRevocations,
    readonly secret: string,
  ) {}

  /** Checks email and password; null when wrong, TooManyAttemptsError when the email is locked. */
  async signIn(email: string, password: string): Promise<UserRow | null> {
    if (await this.throttle.isLocked(email)) throw new TooManyAttemptsError();
    const user = await this.users.findByEmail(email);
    // Compare against a dummy hash when the user is unknown so timing does not reveal which emails exist.
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      await this.throttle.recordFailure(email);
      return null;
    }
    await this.throttle.clear(email);
    return user;
  }

  /** A session is valid while its user exists, is enabled and has not signed that session out. */
  async identify(claims: JWT | null | undefined): Promise<SessionIdentity | null> {
    const parsed = SessionClaimsSchema.safeParse(claims);
    if (!parsed.success) return null;
    const [user, revoked] = await Promise.all([this.users.findById(parsed.data.id), this.revocations.isRevoked(parsed.data.sid)]);
    if (!user || user.disabled || revoked) return null;
    // Issued before the user was last disabled: that session ended with the disabling.
    if (parsed.data.issued_at < user.sessions_valid_after) return null;
    return { userId: user.id, email: user.email, role: user.role, sessionId: parsed.data.sid };
  }

  /** Verifies a raw next-auth session token (cookie value or `auth.token`). */
  async identifyToken(token: string | undefined): Promise<SessionIdentity | null> {
    if (!token) return null;
    try {
      return await this.identify(await decode({ token, secret: this.secret }));
    } catch {
      return null;
    }
  }

  revokeSession(sessionId: string, userId: string): Promise<void> {
    return this.revocations.revoke(sessionId, userId);
  }
}

// bcrypt hash of a random string nobody knows; only its cost matters.
const DUMMY_HASH = "$2b$12$S7hjv51uiJrY7XCiOwmUpOWRkwIwwn41gvYH7qXchahqjR8G3.FKq";

/** Finds the next-auth session token in a Cookie header. */
export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  for (const name of SESSION_COOKIE_NAMES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}
