import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialectName } from "../schema";

/**
 * Issue 21 §2 and issue 20 item 1 (outcomes half): the entry order of a pattern, the market watch's open set
 * per pattern (`pattern_watch`, one row per open pattern, not per user; deleted when decided) and the cold
 * outcome history (`pattern_outcomes`, written once per pattern when its outcome is decided). Nothing here is
 * written per signal at approval except the signal's copy of its entry order, and no index on `signals` is
 * needed: 0008 drops the outcome and statistics indexes there.
 */
export function outcomeHistoryMigration(dialect: SqlDialectName): Migration {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("patterns").addColumn("entry_type", "text").execute();
      await db.schema.alterTable("patterns").addColumn("entry_order_price", "text").execute();
      await db.schema.alterTable("patterns").addColumn("entry_valid_bars", "integer").execute();
      await db.schema.alterTable("signals").addColumn("entry_order", "text").execute();

      await db.schema
        .createTable("pattern_watch")
        .addColumn("pattern_id", "text", (c) => c.primaryKey())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("direction", "text", (c) => c.notNull())
        .addColumn("timeframe", "text", (c) => c.notNull())
        .addColumn("approved_at", bigint, (c) => c.notNull())
        .addColumn("deadline", bigint, (c) => c.notNull())
        .addColumn("entry_type", "text", (c) => c.notNull())
        .addColumn("entry_price", "text", (c) => c.notNull())
        .addColumn("stop_loss", "text", (c) => c.notNull())
        .addColumn("target_price", "text", (c) => c.notNull())
        .addColumn("valid_bars", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("watched_to", bigint, (c) => c.notNull().defaultTo(0))
        .addColumn("entry_bars", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("fill_price", "text")
        .addColumn("fill_at", bigint)
        .addColumn("last_close", "text")
        .execute();
      await db.schema.createIndex("pattern_watch_symbol").on("pattern_watch").columns(["symbol", "approved_at"]).execute();
      // The open set lives in pattern_watch now: the two open-signal indexes that 0008 left on the hot table go.
      await db.schema.dropIndex("signals_open_by_symbol").ifExists().execute();
      await db.schema.dropIndex("signals_open_by_approval").ifExists().execute();
      await db.schema.createIndex("pattern_watch_deadline").on("pattern_watch").column("deadline").execute();

      await db.schema
        .createTable("pattern_outcomes")
        .addColumn("pattern_id", "text", (c) => c.primaryKey())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("pattern_type", "text", (c) => c.notNull())
        .addColumn("timeframe", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("price", "text", (c) => c.notNull())
        .addColumn("at", bigint, (c) => c.notNull())
        .addColumn("r", "integer", (c) => c.notNull())
        .addColumn("fill_price", "text")
        .addColumn("fill_at", bigint)
        .execute();
      await db.schema.createIndex("pattern_outcomes_at").on("pattern_outcomes").column("at").execute();

      // Outcomes decided before 0009 lived on the signals only: one row per pattern keeps them in the history.
      await sql`insert into pattern_outcomes (pattern_id, symbol, pattern_type, timeframe, result, price, at, r)
        select pattern_id, min(symbol), min(pattern_type), min(timeframe), min(outcome_result), min(outcome_price),
          min(outcome_at), min(outcome_r)
        from signals where outcome_result is not null and outcome_r is not null group by pattern_id`.execute(db);
      // Patterns still open at the upgrade go on being watched, as market orders filled at their entry (the old rule).
      await sql`insert into pattern_watch (pattern_id, symbol, direction, timeframe, approved_at, deadline, entry_type,
          entry_price, stop_loss, target_price, valid_bars, fill_price, fill_at)
        select pattern_id, min(symbol), min(direction), min(timeframe), min(approved_at), min(approved_at) + 86400000,
          'market', min(entry_price), min(stop_loss), min(target_price), 1, min(entry_price), min(approved_at)
        from signals where outcome_result is null and approved_at is not null group by pattern_id`.execute(db);
    },
  };
}
