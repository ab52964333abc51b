import { sql, type Kysely, type Migration } from "kysely";
import type { SqlDialectName } from "../schema";
import { hasColumn } from "./has-column";

/**
 * Issue 16: indexes that match each delivery sweep's WHERE (partial, so settled history never enters them
 * and a million old rows cost the sweeps nothing), the delivery log's `channel` (contract §5), the watchlist
 * index, and indexes for the retention job. The literals in the index predicates must appear as literals
 * in the sweep queries too (server/notifications/outbox-store.ts), or SQLite will not use them.
 */
export function deliveryScaleMigration(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // socket, push or webhook: push and webhook rows go through the same batched log. A database that ran
      // 0006 before this one existed (migrations land unordered) has the column already.
      if (!(await hasColumn(db, dialect, "delivery_log", "channel"))) {
        await sql`alter table delivery_log add column channel text not null default 'socket'`.execute(db);
      }

      // The whole-table (delivery_state, …) indexes of 0001 grow with history; the partial ones below do not.
      await sql`drop index if exists signals_delivery`.execute(db);
      await sql`drop index if exists signals_replay`.execute(db);
      await sql`create index signals_expiry_due on signals (expires_at) where status = 'approved'`.execute(db);
      await sql`create index signals_takeover_due on signals (lease_until)
        where status = 'approved' and delivery_state = 'pending'`.execute(db);
      await sql`create index signals_replay_due on signals (next_replay_at)
        where status = 'approved' and delivery_state = 'failed' and acked_at is null`.execute(db);
      // The outbox on connect (user_id, status = 'approved', expires_at) is served by 0001's signals_user_status.
      // Retention: rejected signals and revoked sessions by age (delivery_log_created already exists).
      await sql`create index signals_rejected_created on signals (created_at) where status = 'rejected'`.execute(db);
      await sql`create index revoked_sessions_revoked_at on revoked_sessions (revoked_at)`.execute(db);

      // Watchlist index: one row per (user, symbol), '*' for an empty watchlist (which matches every symbol),
      // so matching a pattern reads the users who watch its symbol instead of every user.
      await sql`create table user_watchlist (user_id text not null, symbol text not null, primary key (symbol, user_id))`.execute(db);
      await sql`create index user_watchlist_user on user_watchlist (user_id)`.execute(db);
      const { rows } = await sql<{ id: string; watchlist: string }>`select id, watchlist from users`.execute(db);
      for (const row of rows) {
        const symbols = JSON.parse(row.watchlist) as string[];
        for (const symbol of symbols.length === 0 ? ["*"] : [...new Set(symbols)]) {
          await sql`insert into user_watchlist (user_id, symbol) values (${row.id}, ${symbol})`.execute(db);
        }
      }
    },
  };
}
