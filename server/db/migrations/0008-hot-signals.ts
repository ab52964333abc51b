import { sql, type Kysely, type Migration } from "kysely";

/** Written at every approval but read only by outcome tracking and statistics (migration 0005). */
const OUTCOME_INDEXES = [
  "signals_open_by_symbol",
  "signals_open_by_approval",
  "signals_stats_user",
  "signals_stats_all",
  "signals_outcome_time",
  "signals_outcome_time_all",
];

/**
 * Issue 20: the signals table is the delivery path's hot table, so every index on it is written by every
 * approval. The outcome and statistics indexes moved to a cold table that is written when an outcome is
 * decided (migration 0009), so they leave here. What stays: the primary key, the per-user list and outbox
 * (`signals_user_status`), the duplicate rule's key, the pattern lookup and the three partial sweep indexes,
 * which only hold unsettled rows. With 1,000,000 rows of history the insert of 5,000 approvals took
 * the time recorded in docs/benchmark.md before and after.
 */
export const hotSignals: Migration = {
  async up(db: Kysely<unknown>) {
    for (const name of OUTCOME_INDEXES) await sql`drop index if exists ${sql.raw(name)}`.execute(db);
  },
};
