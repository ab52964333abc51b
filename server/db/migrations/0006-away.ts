import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialectName } from "../schema";
import { hasColumn } from "./has-column";

/**
 * Away from the desk (contract §9): the trader's push and webhook settings, their browsers' push subscriptions,
 * the escalation sends (one row per signal, channel and target, so a signal goes once per channel and the
 * state survives a restart), and the channel of every delivery-log row.
 */
export function awayMigration(dialect: SqlDialectName): Migration {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("users")
        .addColumn("push", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("users").addColumn("webhook_url", "text").execute();
      await db.schema.alterTable("users").addColumn("webhook_mode", "text").execute();
      await db.schema.alterTable("users").addColumn("webhook_secret", "text").execute();

      await db.schema
        .createTable("push_subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("endpoint", "text", (c) => c.notNull().unique())
        .addColumn("p256dh", "text", (c) => c.notNull())
        .addColumn("auth", "text", (c) => c.notNull())
        .addColumn("created_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("push_subscriptions_user").on("push_subscriptions").column("user_id").execute();

      await db.schema
        .createTable("escalations")
        // Also the webhook's X-Signal-Desk-Delivery: one id per signal and target, kept across retries.
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("signal_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("mode", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", bigint)
        .addColumn("owner", "text")
        .addColumn("lease_until", bigint)
        .addColumn("created_at", bigint, (c) => c.notNull())
        .addUniqueConstraint("escalations_once", ["signal_id", "channel", "target"])
        .execute();
      await db.schema.createIndex("escalations_due").on("escalations").columns(["state", "next_attempt_at"]).execute();

      // 0003 adds it on every database that ran 0003 first; this covers one that ran 0006 before 0003 existed.
      if (!(await hasColumn(db, dialect, "delivery_log", "channel"))) {
        await sql`alter table delivery_log add column channel text not null default 'socket'`.execute(db);
      }
    },
  };
}
