import { sql, type Kysely, type Migration } from "kysely";

/**
 * Written at every approval but read only by the statistics and outcome-time queries (migration 0005).
 * `signals_open_by_symbol` and `signals_open_by_approval` stay until the open-signal queries in
 * server/outcomes move to the cold outcome table (migration 0009 drops them): without them the outcome
 * timeout sweep, every second, scans the whole table (188 ms at 114,000 rows, measured). Both grow at their
 * end (by approval time, within a symbol), so an approval costs them little.
 */
const OUTCOME_INDEXES = ["signals_stats_user", "signals_stats_all", "signals_outcome_time", "signals_outcome_time_all"];

/**
 * Issue 20: signals is the delivery path's hot table, and every index on it is written by every approval.
 * A CPU profile of the saturation phase showed the ingest's COMMIT (writing every page the inserts dirtied
 * to the WAL) as the largest single cost: an index led by a random key (a v4 id, a user id) dirties one page
 * of a million-row tree per row. So:
 * - the statistics and outcome-time indexes leave (they move to a cold table written when an outcome is
 *   decided, migration 0009, which also takes the two open-signal indexes);
 * - the per-user outbox index holds only unsettled approvals (`signals_outbox`, a few pages that stay in the
 *   cache) instead of every signal ever (`signals_user_status`); a user's list reads `signals_duplicate_key`,
 *   which leads with the user too;
 * - new signal ids are time-ordered (UUID v7, signal-pipeline.ts), so the primary key grows at its end.
 * What stays full: the primary key, the duplicate rule's key and the pattern lookup; the three partial sweep
 * indexes hold only unsettled rows. docs/benchmark.md has the insert times before and after.
 */
export const hotSignals: Migration = {
  async up(db: Kysely<unknown>) {
    for (const name of OUTCOME_INDEXES) await sql`drop index if exists ${sql.raw(name)}`.execute(db);
    // The literals must appear as written in OutboxStore.outboxFor, or SQLite will not use the index.
    await sql`create index signals_outbox on signals (user_id, approved_at) where status = 'approved' and acked_at is null`.execute(db);
    await sql`drop index if exists signals_user_status`.execute(db);
  },
};
