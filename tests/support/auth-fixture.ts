import { AuthService } from "@/server/auth/auth-service";
import { LoginThrottle } from "@/server/auth/login-throttle";
import { hashPassword } from "@/server/auth/password";
import { SessionRevocations } from "@/server/auth/session-revocations";
import { type UserRow, UserStore } from "@/server/auth/user-store";
import { systemClock, type Clock } from "@/server/clock";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";

/** A trader's preferences with every default: 1000.00 at 1 %, any symbol. */
export const TRADER_PREFERENCES = {
  equity: "1000.00",
  risk_percentage: 1,
  min_confidence: 70,
  min_r_multiple: 2,
  watchlist: [],
  sound: false,
  desktop_notifications: false,
};

/** The real AuthService over a fresh in-memory database holding one trader, for tests of sessions and sockets. */
export interface AuthFixture {
  database: DatabaseHandle;
  users: UserStore;
  revocations: SessionRevocations;
  auth: AuthService;
  user: UserRow;
}

export async function authOverFreshDatabase(options: {
  secret: string;
  email?: string;
  /** Hashed at a cheap cost; without one the trader cannot sign in with a password (tests that mint tokens). */
  password?: string;
  clock?: Clock;
}): Promise<AuthFixture> {
  const database = await openDatabase("file::memory:");
  const users = new UserStore(database.db);
  const user = await users.create({
    email: options.email ?? "trader@example.com",
    passwordHash: options.password === undefined ? "not-used" : await hashPassword(options.password, 4),
    role: "trader",
    preferences: TRADER_PREFERENCES,
  });
  const revocations = new SessionRevocations(database.db);
  const auth = new AuthService(users, new LoginThrottle(database.db), revocations, options.secret, undefined, options.clock ?? systemClock);
  return { database, users, revocations, auth, user };
}
