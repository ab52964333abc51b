import { decode, type JWT } from "next-auth/jwt";
import { z } from "zod";
import { ConcurrencyGate, GateFullError } from "./concurrency-gate";
import type { LoginThrottle } from "./login-throttle";
import { MAX_CONCURRENT_VERIFICATIONS, verifyPassword } from "./password";
import type { SessionRevocations } from "./session-revocations";
import { pastAbsoluteLifetime, sessionEndsAt } from "./session-lifetime";
import { type Clock, systemClock } from "../clock";
import { sessionTokenFromCookieHeader } from "./session-cookie";
import type { Role, UserRow, UserStore } from "./user-store";

export { SESSION_COOKIE_NAMES, sessionTokenFromCookieHeader } from "./session-cookie";

export class TooManyAttemptsError extends Error {
  constructor() {
    super("Too many failed sign-in attempts. Try again in 15 minutes.");
  }
}

export class SignInBusyError extends Error {
  constructor() {
    super("Too many sign-ins at once. Try again in a moment.");
  }
}

/** What a valid session proves: who, in which role, under which session id. */
export interface SessionIdentity {
  userId: string;
  email: string;
  role: Role;
  sessionId: string;
  /** When the session token stops being valid (epoch ms); sockets opened with it are closed then. */
  expiresAt: number;
  /** When the session was issued (epoch ms): a disable ends every session issued before it. */
  issuedAt: number;
}

const SessionClaimsSchema = z.object({
  id: z.string(),
  role: z.enum(["trader", "admin"]),
  email: z.string(),
  sid: z.string(),
  issued_at: z.number(),
  exp: z.number().optional(),
});

/** Sign-ins waiting beyond that are refused at once rather than queued for seconds. */
const MAX_WAITING_VERIFICATIONS = 64;

/** Sign-in and session checks shared by next-auth, the API routes and the socket handshake. */
export class AuthService {
  private readonly verifications = new ConcurrencyGate(MAX_CONCURRENT_VERIFICATIONS, MAX_WAITING_VERIFICATIONS);

  constructor(
    private readonly users: UserStore,
    private readonly throttle: LoginThrottle,
    private readonly revocations: SessionRevocations,
    readonly secret: string,
    /** What unknown emails are compared against; its cost should match the real hashes' (tests use cheap ones). */
    private readonly dummyHash = DUMMY_HASH,
    /** The server's clock: a session's absolute lifetime is measured on it (TEST_CLOCK moves it in tests). */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Checks email and password; null when wrong, TooManyAttemptsError when this address + email (or the
   * address, or the email everywhere) is over its limit. The try is recorded before the password is checked.
   */
  async signIn(email: string, password: string, address = ""): Promise<UserRow | null> {
    const attempt = await this.throttle.begin(email, address);
    if (!attempt.allowed) throw new TooManyAttemptsError();
    const user = await this.users.findByEmail(email);
    // Compare against a dummy hash when the user is unknown so timing does not reveal which emails exist.
    let ok: boolean;
    try {
      ok = await this.verifications.run(() => verifyPassword(password, user?.password_hash ?? this.dummyHash));
    } catch (error) {
      if (error instanceof GateFullError) throw new SignInBusyError();
      throw error;
    }
    if (!user || !ok || user.disabled) {
      await this.throttle.prune();
      return null;
    }
    await this.throttle.succeeded(attempt);
    return user;
  }

  /**
   * A session is valid while its user exists, is enabled, has not signed that session out and is within its
   * lifetime (idle expiry, and the absolute one from its sign-in that renewal cannot extend).
   */
  async identify(claims: JWT | null | undefined): Promise<SessionIdentity | null> {
    const parsed = SessionClaimsSchema.safeParse(claims);
    if (!parsed.success) return null;
    // The idle expiry (exp) was checked when the token was decoded; the absolute one is checked here.
    if (pastAbsoluteLifetime(parsed.data.issued_at, this.clock.now())) return null;
    const expiresAt = sessionEndsAt(parsed.data.issued_at, parsed.data.exp);
    const [user, revoked] = await Promise.all([this.users.findById(parsed.data.id), this.revocations.isRevoked(parsed.data.sid)]);
    if (!user || user.disabled || revoked) return null;
    // Issued before the user was last disabled: that session ended with the disabling.
    if (parsed.data.issued_at < user.sessions_valid_after) return null;
    return { userId: user.id, email: user.email, role: user.role, sessionId: parsed.data.sid, expiresAt, issuedAt: parsed.data.issued_at };
  }

  /** The identity behind a Cookie header; other cookies on it never matter. */
  identifyCookieHeader(header: string | string[] | null | undefined): Promise<SessionIdentity | null> {
    return this.identifyToken(sessionTokenFromCookieHeader(header ?? undefined));
  }

  /** Re-checks an identity proven earlier (a socket's): still enabled, not signed out, not expired. */
  async stillValid(identity: SessionIdentity, now = Date.now()): Promise<boolean> {
    if (identity.expiresAt <= now || pastAbsoluteLifetime(identity.issuedAt, this.clock.now())) return false;
    const [user, revoked] = await Promise.all([this.users.findById(identity.userId), this.revocations.isRevoked(identity.sessionId)]);
    return Boolean(user && !user.disabled && !revoked && identity.issuedAt >= user.sessions_valid_after);
  }

  /** Verifies a raw next-auth session token (cookie value or `auth.token`); throws only when the database fails. */
  async identifyToken(token: string | undefined): Promise<SessionIdentity | null> {
    if (!token) return null;
    let claims: JWT | null;
    try {
      claims = await decode({ token, secret: this.secret });
    } catch {
      return null;
    }
    // A database that does not answer is not a bad session: that error reaches the caller (503, not 401).
    return this.identify(claims);
  }

  revokeSession(sessionId: string, userId: string): Promise<void> {
    return this.revocations.revoke(sessionId, userId);
  }
}

// bcrypt hash of a random string nobody knows; only its cost matters.
const DUMMY_HASH = "$2b$12$S7hjv51uiJrY7XCiOwmUpOWRkwIwwn41gvYH7qXchahqjR8G3.FKq";
