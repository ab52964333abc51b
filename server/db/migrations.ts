import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
// Migrations take SqlDialectName from ./schema, never ./database: database.ts imports this file.
import type { SqlDialectName } from "./schema";
import { loginAddresses } from "./migrations/0002-login-addresses";
import { deliveryScaleMigration } from "./migrations/0003-delivery-scale";
import { maxLeverage } from "./migrations/0004-max-leverage";
import { outcomesMigration, outcomesStatsAllMigration } from "./migrations/0005-outcomes";
import { awayMigration } from "./migrations/0006-away";
import { duplicateKey } from "./migrations/0007-duplicate-key";
import { hotSignals } from "./migrations/0008-hot-signals";
import { outcomeHistoryMigration } from "./migrations/0009-outcome-history";
import { sessionEpochsMigration } from "./migrations/0011-session-epochs";
import { detectorBarsMigration } from "./migrations/0012-detector-bars";
import { leanAttemptLog } from "./migrations/0013-lean-attempt-log";

/** Versioned migrations, applied in name order at start. Never edit one that has shipped: add the next. */
export function migrationsFor(dialect: SqlDialectName): MigrationProvider {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  const autoId = (table: string) =>
    dialect === "postgres"
      ? sql.raw(`create table ${table} (id bigserial primary key`)
      : sql.raw(`create table ${table} (id integer primary key autoincrement`);

  const initial: Migration = {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('trader', 'admin')`))
        .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("equity", "text", (c) => c.notNull())
        .addColumn("risk_percentage", "text", (c) => c.notNull())
        .addColumn("min_confidence", "double precision", (c) => c.notNull().defaultTo(70))
        .addColumn("min_r_multiple", "double precision", (c) => c.notNull().defaultTo(2))
        .addColumn("ttl_seconds", "integer")
        .addColumn("watchlist", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("sound", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("desktop_notifications", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("sessions_valid_after", bigint, (c) => c.notNull().defaultTo(0))
        .execute();

      await sql`${autoId("login_failures")}, email text not null, created_at ${sql.raw(bigint)} not null)`.execute(db);
      await db.schema.createIndex("login_failures_email_time").on("login_failures").columns(["email", "created_at"]).execute();

      await db.schema
        .createTable("revoked_sessions")
        .addColumn("session_id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("revoked_at", bigint, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("patterns")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("pattern_type", "text", (c) => c.notNull())
        .addColumn("timeframe", "text", (c) => c.notNull())
        .addColumn("detected_at", bigint, (c) => c.notNull())
        .addColumn("entry_price", "text", (c) => c.notNull())
        .addColumn("stop_loss", "text", (c) => c.notNull())
        .addColumn("target_price", "text", (c) => c.notNull())
        .addColumn("pattern_quality", "double precision", (c) => c.notNull())
        .addColumn("phase_strength", "double precision", (c) => c.notNull())
        .addColumn("volume_ratio", "double precision", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.unique())
        .addColumn("response_json", "text")
        .addColumn("created_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("patterns_created").on("patterns").column("created_at").execute();

      await db.schema
        .createTable("signals")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("pattern_id", "text", (c) => c.notNull().references("patterns.id"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("symbol", "text", (c) => c.notNull())
        .addColumn("pattern_type", "text", (c) => c.notNull())
        .addColumn("direction", "text", (c) => c.notNull())
        .addColumn("timeframe", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("rejection_reason", "text")
        .addColumn("confidence_score", "text", (c) => c.notNull())
        .addColumn("confidence_grade", "text", (c) => c.notNull())
        .addColumn("volume_score", "text", (c) => c.notNull())
        .addColumn("entry_price", "text", (c) => c.notNull())
        .addColumn("stop_loss", "text", (c) => c.notNull())
        .addColumn("target_price", "text", (c) => c.notNull())
        .addColumn("shares", "integer", (c) => c.notNull())
        .addColumn("risk_amount", "text", (c) => c.notNull())
        .addColumn("risk_percentage", "text", (c) => c.notNull())
        .addColumn("r_multiple", "text", (c) => c.notNull())
        .addColumn("position_value", "text", (c) => c.notNull())
        .addColumn("is_test", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addColumn("approved_at", bigint)
        .addColumn("expires_at", bigint)
        .addColumn("decided_at", bigint)
        .addColumn("decision_reason", "text")
        .addColumn("delivery_state", "text")
        .addColumn("delivery_attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("acked_at", bigint)
        .addColumn("delivery_owner", "text")
        .addColumn("lease_until", bigint)
        .addColumn("next_replay_at", bigint)
        .execute();
      await db.schema.createIndex("signals_user_status").on("signals").columns(["user_id", "status", "expires_at"]).execute();
      await db.schema.createIndex("signals_duplicate").on("signals").columns(["user_id", "symbol", "pattern_type", "created_at"]).execute();
      await db.schema.createIndex("signals_pattern").on("signals").column("pattern_id").execute();
      await db.schema.createIndex("signals_delivery").on("signals").columns(["delivery_state", "lease_until"]).execute();
      await db.schema.createIndex("signals_replay").on("signals").columns(["delivery_state", "next_replay_at"]).execute();

      await sql`${autoId("delivery_log")},
        signal_id text not null, user_id text not null, attempt integer not null, outcome text not null,
        latency_ms integer not null, sockets integer not null, error text, created_at ${sql.raw(bigint)} not null)`.execute(db);
      await db.schema.createIndex("delivery_log_signal").on("delivery_log").column("signal_id").execute();
      await db.schema.createIndex("delivery_log_user").on("delivery_log").columns(["user_id", "id"]).execute();
      await db.schema.createIndex("delivery_log_created").on("delivery_log").column("created_at").execute();
    },
  };

  return {
    getMigrations: () =>
      Promise.resolve({
        "0001_initial": initial,
        "0002_login_addresses": loginAddresses,
        "0003_delivery_scale": deliveryScaleMigration(dialect),
        "0004_max_leverage": maxLeverage,
        "0005_outcomes": outcomesMigration(dialect),
        "0005_outcomes_stats_all": outcomesStatsAllMigration,
        "0006_away": awayMigration(dialect),
        "0007_duplicate_key": duplicateKey,
        "0008_hot_signals": hotSignals,
        "0009_outcome_history": outcomeHistoryMigration(dialect),
        "0011_session_epochs": sessionEpochsMigration(dialect),
        "0012_detector_bars": detectorBarsMigration(dialect),
        "0013_lean_attempt_log": leanAttemptLog,
      }),
  };
}
