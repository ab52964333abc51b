import type { Kysely, Migration } from "kysely";
import type { SqlDialectName } from "../schema";

/**
 * Issue 21: the closed bars POST /api/bars received, per symbol and timeframe. The streaming detector is
 * rebuilt from them after a restart, and a node catches up on bars another node stored, so a series gives the
 * same events however its bars were split over requests, restarts and nodes. One row per bar open time: a
 * re-sent bar is a no-op.
 */
export function detectorBarsMigration(dialect: SqlDialectName): Migration {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("detector_bars")
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("timeframe", "text", (c) => c.notNull())
        .addColumn("time", bigint, (c) => c.notNull())
        .addColumn("open", "double precision", (c) => c.notNull())
        .addColumn("high", "double precision", (c) => c.notNull())
        .addColumn("low", "double precision", (c) => c.notNull())
        .addColumn("close", "double precision", (c) => c.notNull())
        .addColumn("volume", "double precision", (c) => c.notNull())
        .addPrimaryKeyConstraint("detector_bars_pk", ["symbol", "timeframe", "time"])
        .execute();
    },
  };
}
