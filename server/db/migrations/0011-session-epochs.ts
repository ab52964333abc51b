import type { Kysely, Migration } from "kysely";
import type { SqlDialectName } from "../schema";

/**
 * Issue 23 item 3: a counter per user that every sign-out and disable raises, with the time it last changed.
 * Nodes read the rows changed lately (`session_epochs_changed`) to re-check their sockets of those users, so a
 * sign-out on one node closes the session's sockets on the others even while Redis cannot carry the news.
 */
export function sessionEpochsMigration(dialect: SqlDialectName): Migration {
  const bigint = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("session_epochs")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("epoch", bigint, (c) => c.notNull())
        .addColumn("changed_at", bigint, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("session_epochs_changed").on("session_epochs").column("changed_at").execute();
    },
  };
}
