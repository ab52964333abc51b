import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialectName } from "../schema";

/**
 * After approval (contract §8): each signal's outcome and invalidation, the latest close per symbol (the price a
 * 24-hour timeout is measured at), and the indexes that keep the per-bar check and the statistics cheap.
 */
export function outcomesMigration(dialect: SqlDialectName): Migration {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("signals").addColumn("outcome_result", "text").execute();
      await db.schema.alterTable("signals").addColumn("outcome_price", "text").execute();
      await db.schema.alterTable("signals").addColumn("outcome_at", bigint).execute();
      // Hundredths of R as an integer: sums and means stay exact in both databases.
      await db.schema.alterTable("signals").addColumn("outcome_r", "integer").execute();
      await db.schema.alterTable("signals").addColumn("invalidation_reason", "text").execute();

      // Open signals only (approved at some point, no outcome yet): the per-bar check reads just these rows
      // of one symbol, and the index shrinks as outcomes are recorded.
      await sql`create index signals_open_by_symbol on signals (symbol, approved_at)
        where outcome_result is null and approved_at is not null`.execute(db);
      await sql`create index signals_open_by_approval on signals (approved_at)
        where outcome_result is null and approved_at is not null`.execute(db);
      // Covers every column the statistics read, so they scan this index instead of the table.
      await db.schema
        .createIndex("signals_stats")
        .on("signals")
        .columns(["user_id", "is_test", "status", "confidence_grade", "pattern_type", "outcome_result", "outcome_r"])
        .execute();
      await sql`create index signals_outcome_time on signals (user_id, outcome_at) where outcome_at is not null`.execute(db);
      await sql`create index signals_outcome_time_all on signals (outcome_at) where outcome_at is not null`.execute(db);

      await db.schema
        .createTable("market_closes")
        .addColumn("symbol", "text", (c) => c.primaryKey())
        .addColumn("close", "text", (c) => c.notNull())
        .addColumn("close_at", bigint, (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * Statistics indexes read in group order (grade, pattern), which spares a sort of every row: one led by the
 * user for GET /api/stats, one led by the test flag for GET /api/admin/stats. Both cover every column the
 * query reads. They replace `signals_stats`, whose order let SQLite's planner prefer a worse index.
 */
export const outcomesStatsAllMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex("signals_stats").ifExists().execute();
    await db.schema
      .createIndex("signals_stats_user")
      .on("signals")
      .columns(["user_id", "is_test", "confidence_grade", "pattern_type", "status", "outcome_result", "outcome_r"])
      .execute();
    await db.schema
      .createIndex("signals_stats_all")
      .on("signals")
      .columns(["is_test", "confidence_grade", "pattern_type", "status", "outcome_result", "outcome_r"])
      .execute();
  },
};
