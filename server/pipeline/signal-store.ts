import type { Kysely, Selectable } from "kysely";
import type { DatabaseHandle } from "../db/database";
import type { Database, SignalsTable } from "../db/schema";

export type SignalRow = Selectable<SignalsTable>;
type PrepareCached = NonNullable<DatabaseHandle["prepareCached"]>;

/** What makes two signals of one user duplicates (contract §6). */
export interface DuplicateKey {
  symbol: string;
  timeframe: string;
  patternType: string;
}

// SQLite caps bound parameters per statement; 30 columns × 500 rows stays well under its limit.
const INSERT_CHUNK = 500;

/** duplicateQuery as SQLite text, for the ingest's statement cache; it reads `signals_duplicate_key` too. */
export const DUPLICATE_SQL = `select distinct user_id from signals
  where user_id in (select value from json_each(?)) and symbol = ? and timeframe = ? and pattern_type = ? and is_test = ?
    and created_at >= ? and status != 'rejected'`;

/**
 * The ingest's insert without the query builder: a CPU profile of the delivery benchmark showed building and
 * compiling the multi-row insert as much of the ingest's time as SQLite writing it. The statement comes from
 * the query layer's cache, so it is compiled once per column set.
 */
function insertPrepared(prepareCached: PrepareCached, rows: SignalRow[]): void {
  const columns = Object.keys(rows[0]!) as Array<keyof SignalRow>;
  const insert = prepareCached(
    `insert into signals (${columns.map((column) => `"${column}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`,
  );
  for (const row of rows) insert.run(columns.map((column) => row[column]));
}

/**
 * Signals: the per-user outcome of a pattern and the trader's decision. The delivery state of approved
 * signals (the outbox) is queried by server/notifications/outbox-store.ts.
 */
export class SignalStore {
  /**
   * `prepareCached`: SQLite's statement cache under `db`, given only by a caller whose `db` is its own open
   * transaction (the pipeline), so the prepared insert below runs inside that transaction.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly prepareCached?: PrepareCached,
  ) {}

  async insertMany(rows: SignalRow[]): Promise<void> {
    if (this.prepareCached && rows.length > 0) return insertPrepared(this.prepareCached, rows);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto("signals")
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }

  findById(id: string): Promise<SignalRow | undefined> {
    return this.db.selectFrom("signals").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The caller's signals, newest first; `status` filters (pending = approved and not yet expired). */
  listForUser(userId: string, status: string | undefined, now: number, limit = 200): Promise<SignalRow[]> {
    let query = this.db.selectFrom("signals").selectAll().where("user_id", "=", userId).where("status", "!=", "rejected");
    if (status === "pending") query = query.where("status", "=", "approved").where("expires_at", ">", now);
    else if (status) query = query.where("status", "=", status as SignalRow["status"]);
    return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  }

  /** Take or skip, only while the signal is approved and unexpired. */
  async decide(id: string, userId: string, status: "taken" | "skipped", reason: string | null, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("signals")
      .set({ status, decided_at: now, decision_reason: reason, lease_until: null })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("status", "=", "approved")
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The users who already have a signal for this symbol, timeframe and pattern since `since` (the duplicate rule). */
  async recentKeysFor(userIds: string[], key: DuplicateKey, since: number, isTest: boolean): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    if (this.prepareCached) {
      // The ingest's hot path on SQLite: one prepared statement for any number of users (a JSON array).
      const found = this.prepareCached(DUPLICATE_SQL).all([
        JSON.stringify(userIds),
        key.symbol,
        key.timeframe,
        key.patternType,
        isTest ? 1 : 0,
        since,
      ]) as Array<{ user_id: string }>;
      return new Set(found.map((row) => row.user_id));
    }
    const rows = await this.duplicateQuery(userIds, key, since, isTest).execute();
    return new Set(rows.map((row) => row.user_id));
  }

  /** recentKeysFor's query, built apart so its plan can be checked (it must read `signals_duplicate_key`). */
  duplicateQuery(userIds: string[], key: DuplicateKey, since: number, isTest: boolean) {
    return (
      this.db
        .selectFrom("signals")
        .select("user_id")
        .distinct()
        .where("user_id", "in", userIds)
        .where("symbol", "=", key.symbol)
        .where("timeframe", "=", key.timeframe)
        .where("pattern_type", "=", key.patternType)
        // An admin's test signal never blocks a real one (nor the other way round).
        .where("is_test", "=", isTest ? 1 : 0)
        .where("created_at", ">=", since)
        .where("status", "!=", "rejected")
    );
  }
}
