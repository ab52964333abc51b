import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Updateable } from "kysely";
import { DEFAULT_MAX_LEVERAGE, type Preferences, type WebhookMode } from "@/lib/preferences";
import type { Database, UsersTable } from "../db/schema";
import { replaceWatchlist, WATCHES_ALL } from "./watchlist-index";
import { raiseSessionEpoch } from "./session-epochs";

export type UserRow = Selectable<UsersTable>;
export type Role = UsersTable["role"];

export interface NewUser {
  email: string;
  passwordHash: string;
  role: Role;
  /** Without ttl_seconds the user follows the deployment's SIGNAL_TTL_SECONDS; without max_leverage, the default. */
  preferences: Omit<Preferences, "ttl_seconds" | "max_leverage"> & { ttl_seconds?: number; max_leverage?: number };
}

/** Users and their preferences; emails are stored lower-case so uniqueness ignores case. */
export class UserStore {
  /** Emails never change after sign-up, so each is read once per process. */
  private readonly emails = new Map<string, string>();

  constructor(private readonly db: Kysely<Database>) {}

  async create(user: NewUser, now = Date.now()): Promise<UserRow> {
    const row: UserRow = {
      id: randomUUID(),
      email: user.email.trim().toLowerCase(),
      password_hash: user.passwordHash,
      role: user.role,
      disabled: 0,
      push: 0,
      webhook_url: null,
      webhook_mode: null,
      webhook_secret: null,
      max_leverage: DEFAULT_MAX_LEVERAGE,
      ...preferencesToColumns(user.preferences),
      created_at: now,
      sessions_valid_after: 0,
    };
    await this.inTransaction(async (db) => {
      await db.insertInto("users").values(row).execute();
      await replaceWatchlist(db, row.id, user.preferences.watchlist);
    });
    return row;
  }

  findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The user's email for logs and the admin view, cached; "unknown" for an id with no user. */
  async emailOf(id: string): Promise<string> {
    const known = this.emails.get(id);
    if (known) return known;
    const email = (await this.findById(id))?.email;
    if (!email) return "unknown";
    this.emails.set(id, email);
    return email;
  }

  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom("users").selectAll().orderBy("email").execute();
  }

  /** Enabled users, all of them or only those with the given ids. */
  listEnabled(ids?: readonly string[]): Promise<UserRow[]> {
    let query = this.db.selectFrom("users").selectAll().where("disabled", "=", 0);
    if (ids) query = query.where("id", "in", ids.length > 0 ? [...ids] : [""]);
    return query.execute();
  }

  /**
   * Of the given users, the enabled ones with a webhook in mode `always` (contract §9): only ids, filtered in SQL,
   * since it runs after every ingest that approves something and such users are few.
   */
  async idsWithAlwaysWebhook(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("users")
      .select("id")
      .where("disabled", "=", 0)
      .where("webhook_url", "is not", null)
      .where("webhook_mode", "=", "always")
      .where("id", "in", [...ids])
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  /** Enabled users whose watchlist holds the symbol or is empty, through the watchlist index. */
  listEnabledWatching(symbol: string): Promise<UserRow[]> {
    return this.db
      .selectFrom("users")
      .selectAll()
      .where("disabled", "=", 0)
      .where("id", "in", (eb) => eb.selectFrom("user_watchlist").select("user_id").where("symbol", "in", [symbol, WATCHES_ALL]))
      .execute();
  }

  /**
   * Disabling also ends every session issued so far, so enabling again does not revive them; it raises the
   * user's session epoch in the same transaction, by which every node re-checks that user's sockets.
   */
  async setDisabled(id: string, disabled: boolean, now = Date.now()): Promise<boolean> {
    let updated = false;
    await this.inTransaction(async (db) => {
      const result = await db
        .updateTable("users")
        .set(disabled ? { disabled: 1, sessions_valid_after: now } : { disabled: 0 })
        .where("id", "=", id)
        .executeTakeFirst();
      updated = result.numUpdatedRows > 0n;
      if (updated && disabled) await raiseSessionEpoch(db, id, now);
    });
    return updated;
  }

  /** Writes only the preferences given (a PUT gives all, a PATCH some), so a concurrent change to others stays. */
  async updatePreferences(id: string, preferences: Partial<Preferences>): Promise<void> {
    const columns = changedColumns(preferences);
    const { watchlist } = preferences;
    await this.inTransaction(async (db) => {
      if (Object.keys(columns).length > 0) await db.updateTable("users").set(columns).where("id", "=", id).execute();
      if (watchlist) await replaceWatchlist(db, id, watchlist);
    });
  }

  /** Runs `work` in a transaction, or in the caller's when this store was made on one. */
  private inTransaction(work: (db: Kysely<Database>) => Promise<void>): Promise<void> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }
}

function preferencesToColumns(p: NewUser["preferences"]) {
  return {
    equity: p.equity,
    risk_percentage: String(p.risk_percentage),
    min_confidence: p.min_confidence,
    min_r_multiple: p.min_r_multiple,
    ttl_seconds: p.ttl_seconds ?? null,
    watchlist: JSON.stringify(p.watchlist),
    sound: p.sound ? 1 : 0,
    desktop_notifications: p.desktop_notifications ? 1 : 0,
    // Left out when absent, so a client that does not know them keeps what is stored (a new row takes the
    // defaults above).
    ...(p.max_leverage === undefined ? {} : { max_leverage: p.max_leverage }),
    ...(p.push === undefined ? {} : { push: p.push ? 1 : 0 }),
    ...(p.webhook_url === undefined ? {} : { webhook_url: p.webhook_url }),
    ...(p.webhook_mode === undefined ? {} : { webhook_mode: p.webhook_mode }),
  };
}

/** The columns of the preferences given, and no others. */
function changedColumns(p: Partial<Preferences>): Updateable<UsersTable> {
  const columns: Updateable<UsersTable> = {};
  if (p.equity !== undefined) columns.equity = p.equity;
  if (p.risk_percentage !== undefined) columns.risk_percentage = String(p.risk_percentage);
  if (p.min_confidence !== undefined) columns.min_confidence = p.min_confidence;
  if (p.min_r_multiple !== undefined) columns.min_r_multiple = p.min_r_multiple;
  if (p.max_leverage !== undefined) columns.max_leverage = p.max_leverage;
  if (p.ttl_seconds !== undefined) columns.ttl_seconds = p.ttl_seconds;
  if (p.watchlist !== undefined) columns.watchlist = JSON.stringify(p.watchlist);
  if (p.sound !== undefined) columns.sound = p.sound ? 1 : 0;
  if (p.desktop_notifications !== undefined) columns.desktop_notifications = p.desktop_notifications ? 1 : 0;
  if (p.push !== undefined) columns.push = p.push ? 1 : 0;
  if (p.webhook_url !== undefined) columns.webhook_url = p.webhook_url;
  if (p.webhook_mode !== undefined) columns.webhook_mode = p.webhook_mode;
  return columns;
}

/** The preferences as the API shows them; `defaultTtlSeconds` stands in for a TTL the user never set. */
export function preferencesOf(user: UserRow, defaultTtlSeconds: number): Preferences {
  return {
    equity: user.equity,
    risk_percentage: Number(user.risk_percentage),
    min_confidence: user.min_confidence,
    min_r_multiple: user.min_r_multiple,
    max_leverage: user.max_leverage,
    ttl_seconds: user.ttl_seconds ?? defaultTtlSeconds,
    watchlist: JSON.parse(user.watchlist) as string[],
    sound: user.sound === 1,
    desktop_notifications: user.desktop_notifications === 1,
    push: user.push === 1,
    webhook_url: user.webhook_url,
    webhook_mode: effectiveWebhookMode(user),
  };
}

/**
 * The mode that applies when a URL is set: the stored one, else `when_unacked` (contract §9). It is reported the
 * same way while no URL is set, so a client that reads, adds a URL and writes back gets the default, not `off`.
 */
export function effectiveWebhookMode(user: Pick<UserRow, "webhook_mode">): WebhookMode {
  return user.webhook_mode ?? "when_unacked";
}
