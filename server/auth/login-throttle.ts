import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Tries for one email from one address: the lock a guessing attacker meets. */
export const MAX_TRIES_PER_ADDRESS_AND_EMAIL = 10;
/** Tries from one address across all emails: stops spraying one password over many accounts. */
export const MAX_TRIES_PER_ADDRESS = 50;
/** Tries for one email from everywhere: a distributed attack needs ten addresses to lock the owner out. */
export const MAX_TRIES_PER_EMAIL = 100;
/**
 * The table's ceiling. Refused tries are never stored, so each address adds at most MAX_TRIES_PER_ADDRESS rows
 * per window; only very many addresses (an IPv6 range, a botnet) reach this, and then the oldest rows go.
 */
export const MAX_STORED_TRIES = 50_000;

export interface SignInTry {
  /** False when this try is over one of the limits: the password must not be checked. */
  allowed: boolean;
  email: string;
  address: string;
}

/**
 * Counts sign-in tries in the database, so every node enforces the same window. A try is recorded before its
 * password is checked and ranked by its row id, so N parallel tries get exactly the allowed number of guesses.
 * A refused try is taken back out: a lock ends one window after the last try that counted, and a few tries a
 * minute cannot keep it alive.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    /** The ceiling is checked every `checkEvery` stored tries (it costs an index walk of `ceiling` rows). */
    private readonly bound = { ceiling: MAX_STORED_TRIES, checkEvery: 100 },
  ) {}

  /** Records one try and answers whether it is within every limit. */
  async begin(email: string, address: string, now = Date.now()): Promise<SignInTry> {
    const key = { email: normalize(email), address: address.slice(0, 64) };
    const { id } = await this.db
      .insertInto("login_failures")
      .values({ ...key, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const since = now - FAILED_LOGIN_WINDOW_MS;
    // Only tries recorded before this one (and this one) count: a later parallel try never locks an earlier one.
    const count = (column: "email" | "address", value: string, other?: ["email" | "address", string]) => {
      let query = this.db
        .selectFrom("login_failures")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(column, "=", value)
        .where("created_at", ">", since)
        .where("id", "<=", id);
      if (other) query = query.where(other[0], "=", other[1]);
      return query.executeTakeFirstOrThrow().then((row) => Number(row.n));
    };
    const [pair, byAddress, byEmail] = await Promise.all([
      count("email", key.email, ["address", key.address]),
      count("address", key.address),
      count("email", key.email),
    ]);
    const allowed = pair <= MAX_TRIES_PER_ADDRESS_AND_EMAIL && byAddress <= MAX_TRIES_PER_ADDRESS && byEmail <= MAX_TRIES_PER_EMAIL;
    if (!allowed) await this.db.deleteFrom("login_failures").where("id", "=", id).execute();
    else if (Number(id) % this.bound.checkEvery === 0) await this.enforceCeiling();
    return { allowed, ...key };
  }

  /** A right password: that address's tries for that email stop counting. Other addresses' tries stay. */
  async succeeded(attempt: SignInTry): Promise<void> {
    await this.db.deleteFrom("login_failures").where("email", "=", attempt.email).where("address", "=", attempt.address).execute();
  }

  /** Drops rows that left the window; called after failures so the table stays small. */
  async prune(now = Date.now()): Promise<void> {
    await this.db
      .deleteFrom("login_failures")
      .where("created_at", "<=", now - FAILED_LOGIN_WINDOW_MS)
      .execute();
  }

  /** Keeps at most the newest `ceiling` rows (ids grow with time): the table stays bounded under any flood. */
  async enforceCeiling(): Promise<void> {
    const cut = await this.db
      .selectFrom("login_failures")
      .select("id")
      .orderBy("id", "desc")
      .offset(this.bound.ceiling)
      .limit(1)
      .executeTakeFirst();
    if (cut) await this.db.deleteFrom("login_failures").where("id", "<=", cut.id).execute();
  }
}

function normalize(email: string): string {
  return email.trim().toLowerCase();
}
