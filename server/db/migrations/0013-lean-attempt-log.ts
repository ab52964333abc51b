import { sql, type Kysely, type Migration } from "kysely";

/**
 * Issue 20, session 6: every delivery attempt appends a `delivery_log` row, and `delivery_log_user` (user_id,
 * id) was the one index of that row led by a random key: at a million rows of history each attempt dirtied
 * one random leaf page of it, written to the WAL by the ack's group commit. What is left on the log are keys
 * that grow at their end (the row id, `created_at`, and `signal_id`, a time-ordered UUID v7 acked in about the
 * order it was approved). The admins' filter by user reads the user's signals (`signals_duplicate_key` leads
 * with the user) and their log rows through `delivery_log_signal` instead (server/notifications/delivery-log.ts).
 */
export const leanAttemptLog: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`drop index if exists delivery_log_user`.execute(db);
  },
};
