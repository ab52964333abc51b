import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

export const MAX_FAILED_LOGINS = 10;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;

/** Counts failed sign-ins per email in the database, so every node enforces the same window. */
export class LoginThrottle {
  constructor(private readonly db: Kysely<Database>) {}

  async isLocked(email: string, now = Date.now()): Promise<boolean> {
    const { n } = await this.db
      .selectFrom("login_failures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email", "=", normalize(email))
      .where("created_at", ">", now - FAILED_LOGIN_WINDOW_MS)
      .executeTakeFirstOrThrow();
    return Number(n) >= MAX_FAILED_LOGINS;
  }

  async recordFailure(email: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto("login_failures")
      .values({ email: normalize(email), created_at: now })
      .execute();
    await this.db
      .deleteFrom("login_failures")
      .where("created_at", "<=", now - FAILED_LOGIN_WINDOW_MS)
      .execute();
  }

  async clear(email: string): Promise<void> {
    await this.db.deleteFrom("login_failures").where("email", "=", normalize(email)).execute();
  }
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}
