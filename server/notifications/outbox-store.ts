import type SQLite from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import type { DatabaseHandle } from "../db/database";
import type { Database, DeliveryChannel, DeliveryOutcome } from "../db/schema";
import type { SignalRow } from "../pipeline/signal-store";

/** A bookkeeping change to one signal's delivery state, applied in arrival order within a group commit. */
export type DeliveryStateChange =
  | { kind: "acked"; signalId: string; attempts: number; ackedAt: number }
  | { kind: "attempt_failed"; signalId: string; attempts: number; replayAt: number | null };

/** One delivery-log row as written (the id comes from the database). */
export interface DeliveryLogInsert {
  signal_id: string;
  user_id: string;
  channel: DeliveryChannel;
  attempt: number;
  outcome: DeliveryOutcome;
  latency_ms: number;
  sockets: number;
  error: string | null;
  created_at: number;
}

/** Exactly the table's columns: callers may pass richer rows (the log carries the symbol for the live view). */
function logColumns(row: DeliveryLogInsert): DeliveryLogInsert {
  const { signal_id, user_id, channel, attempt, outcome, latency_ms, sockets, error, created_at } = row;
  return { signal_id, user_id, channel, attempt, outcome, latency_ms, sockets, error, created_at };
}

export type ExpiredSignal = Pick<SignalRow, "id" | "user_id" | "symbol" | "acked_at" | "approved_at" | "delivery_attempts">;

// Literal, never bound: SQLite uses a partial index only when the query's WHERE repeats its predicate as
// written (migration 0003), and a bound parameter is unknown when the statement is planned.
const APPROVED = sql.lit("approved" as const);
const PENDING = sql.lit("pending" as const);
const FAILED = sql.lit("failed" as const);
const LOG_CHUNK = 500;

/**
 * The outbox: approved signals whose delivery is not settled, and every query the delivery core runs on
 * them. Every query here requires `status = 'approved'`, so a signal decided, expired or invalidated
 * (issue 13) is never emitted, retried, replayed or taken over.
 */
export class OutboxStore {
  private readonly db: Kysely<Database>;
  private sqliteStatements: Record<"acked" | "failed" | "finalFailed" | "log", SQLite.Statement> | undefined;

  constructor(private readonly database: Pick<DatabaseHandle, "db" | "dialect" | "sqlite">) {
    this.db = database.db;
  }

  /** Approved, unexpired and never acked: what a user's next socket must receive, oldest first. */
  outboxFor(userId: string, now: number): Promise<SignalRow[]> {
    return this.db
      .selectFrom("signals")
      .selectAll()
      .where("user_id", "=", userId)
      .where("status", "=", APPROVED)
      .where("acked_at", "is", null)
      .where("expires_at", ">", now)
      .orderBy("approved_at", "asc")
      .execute();
  }

  /** True when the signal needs no more attempts: acked, no longer approved (decided, invalidated) or expired. */
  async isSettled(id: string, now: number): Promise<boolean> {
    const row = await this.db.selectFrom("signals").select(["acked_at", "status", "expires_at"]).where("id", "=", id).executeTakeFirst();
    return !row || row.acked_at !== null || row.status !== "approved" || (row.expires_at ?? 0) <= now;
  }

  /** Moves approved signals past their expiry to `expired`; each row is returned to exactly one caller. */
  expireDue(now: number): Promise<ExpiredSignal[]> {
    return this.db
      .updateTable("signals")
      .set({ status: "expired", lease_until: null })
      .where("status", "=", APPROVED)
      .where("expires_at", "<=", now)
      .returning(["id", "user_id", "symbol", "acked_at", "approved_at", "delivery_attempts"])
      .execute();
  }

  /**
   * Takes over up to `limit` pending deliveries whose owner's lease ran out (a node died or restarted).
   * PostgreSQL skips rows another node is claiming at the same moment; SQLite has one writer.
   */
  claimAbandoned(owner: string, now: number, leaseMs: number, limit = 100): Promise<SignalRow[]> {
    const candidates = this.db
      .selectFrom("signals")
      .select("id")
      .where("status", "=", APPROVED)
      .where("delivery_state", "=", PENDING)
      .where("lease_until", "<", now)
      .where("expires_at", ">", now)
      .limit(limit);
    return this.db
      .updateTable("signals")
      .set({ delivery_owner: owner, lease_until: now + leaseMs })
      .where("id", "in", this.database.dialect === "postgres" ? candidates.forUpdate().skipLocked() : candidates)
      .returningAll()
      .execute();
  }

  /**
   * Failed, unexpired, unacked deliveries of the given users that are due for another offer; each row goes to
   * one caller, whose next offer is `intervalMs` later. The due rows come from the replay index first and are
   * filtered here, so a node with thousands of sockets never sends thousands of ids to the database.
   */
  async claimReplays(isLocalUser: (userId: string) => boolean, now: number, intervalMs: number, limit = 500): Promise<SignalRow[]> {
    const due = await this.db
      .selectFrom("signals")
      .select(["id", "user_id"])
      .where("status", "=", APPROVED)
      .where("delivery_state", "=", FAILED)
      .where("acked_at", "is", null)
      .where("next_replay_at", "<=", now)
      .where("expires_at", ">", now)
      .limit(limit)
      .execute();
    const ids = due.filter((row) => isLocalUser(row.user_id)).map((row) => row.id);
    if (ids.length === 0) return [];
    return (
      this.db
        .updateTable("signals")
        .set({ next_replay_at: now + intervalMs })
        .where("id", "in", ids)
        // The claim itself: another node that read the same rows finds them already pushed forward.
        .where("next_replay_at", "<=", now)
        .where("status", "=", APPROVED)
        .returningAll()
        .execute()
    );
  }

  /**
   * One group commit of delivery bookkeeping and log rows. Returns the ids of signals whose ack was the first
   * one recorded (so each delivery is counted once, whichever path or node acked it) and the log rows' ids.
   */
  async commit(
    changes: readonly DeliveryStateChange[],
    logRows: readonly DeliveryLogInsert[],
  ): Promise<{ firstAcks: Set<string>; logIds: number[] }> {
    if (changes.length === 0 && logRows.length === 0) return { firstAcks: new Set(), logIds: [] };
    return this.database.sqlite ? this.commitSqlite(changes, logRows) : this.commitPostgres(changes, logRows);
  }

  /**
   * SQLite: one synchronous transaction over statements prepared once. Holding Kysely's connection for it
   * keeps it from landing inside another caller's open transaction on the same connection.
   */
  private commitSqlite(changes: readonly DeliveryStateChange[], logRows: readonly DeliveryLogInsert[]) {
    const sqlite = this.database.sqlite!;
    return this.db.connection().execute(() => {
      const statements = (this.sqliteStatements ??= {
        acked: sqlite.prepare(
          `update signals set delivery_state = 'delivered', acked_at = ?, delivery_attempts = max(delivery_attempts, ?)
           where id = ? and acked_at is null`,
        ),
        failed: sqlite.prepare(`update signals set delivery_attempts = max(delivery_attempts, ?) where id = ? and acked_at is null`),
        finalFailed: sqlite.prepare(
          `update signals set delivery_attempts = max(delivery_attempts, ?), delivery_state = 'failed', lease_until = null,
           next_replay_at = ? where id = ? and acked_at is null`,
        ),
        log: sqlite.prepare(
          `insert into delivery_log (signal_id, user_id, channel, attempt, outcome, latency_ms, sockets, error, created_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
      });
      const firstAcks = new Set<string>();
      const logIds: number[] = [];
      sqlite.transaction(() => {
        for (const change of changes) {
          if (change.kind === "acked") {
            if (statements.acked.run(change.ackedAt, change.attempts, change.signalId).changes > 0) firstAcks.add(change.signalId);
          } else if (change.replayAt === null) statements.failed.run(change.attempts, change.signalId);
          else statements.finalFailed.run(change.attempts, change.replayAt, change.signalId);
        }
        for (const row of logRows) {
          const { lastInsertRowid } = statements.log.run(
            row.signal_id,
            row.user_id,
            row.channel,
            row.attempt,
            row.outcome,
            row.latency_ms,
            row.sockets,
            row.error,
            row.created_at,
          );
          logIds.push(Number(lastInsertRowid));
        }
      })();
      return Promise.resolve({ firstAcks, logIds });
    });
  }

  private commitPostgres(changes: readonly DeliveryStateChange[], logRows: readonly DeliveryLogInsert[]) {
    return this.db.transaction().execute(async (trx) => {
      const firstAcks = new Set<string>();
      for (const change of changes) {
        if (change.kind === "acked") {
          const result = await sql`update signals set delivery_state = 'delivered', acked_at = ${change.ackedAt},
            delivery_attempts = greatest(delivery_attempts, ${change.attempts})
            where id = ${change.signalId} and acked_at is null`.execute(trx);
          if ((result.numAffectedRows ?? 0n) > 0n) firstAcks.add(change.signalId);
        } else {
          const final =
            change.replayAt === null ? sql`` : sql`, delivery_state = 'failed', lease_until = null, next_replay_at = ${change.replayAt}`;
          await sql`update signals set delivery_attempts = greatest(delivery_attempts, ${change.attempts})${final}
            where id = ${change.signalId} and acked_at is null`.execute(trx);
        }
      }
      const logIds: number[] = [];
      // Chunks keep each insert far under PostgreSQL's 65,535 bound parameters.
      for (let i = 0; i < logRows.length; i += LOG_CHUNK) {
        const ids = await trx
          .insertInto("delivery_log")
          .values(logRows.slice(i, i + LOG_CHUNK).map(logColumns))
          .returning("id")
          .execute();
        logIds.push(...ids.map((row) => row.id));
      }
      return { firstAcks, logIds };
    });
  }

  /** The query plans of the sweeps on SQLite (null on PostgreSQL), to prove in tests and the bench that each uses an index. */
  explainSweeps(now: number): Record<"expiry" | "takeover" | "replay" | "outbox", string> | null {
    const sqlite = this.database.sqlite;
    if (!sqlite) return null;
    const plan = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const compiled = query.compile();
      const rows = sqlite.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[];
      return rows.map((row) => row.detail).join("; ");
    };
    const expiry = this.db.updateTable("signals").set({ status: "expired" }).where("status", "=", APPROVED).where("expires_at", "<=", now);
    const takeover = this.db
      .selectFrom("signals")
      .select("id")
      .where("status", "=", APPROVED)
      .where("delivery_state", "=", PENDING)
      .where("lease_until", "<", now)
      .where("expires_at", ">", now)
      .limit(100);
    const replay = this.db
      .selectFrom("signals")
      .select(["id", "user_id"])
      .where("status", "=", APPROVED)
      .where("delivery_state", "=", FAILED)
      .where("acked_at", "is", null)
      .where("next_replay_at", "<=", now)
      .where("expires_at", ">", now)
      .limit(500);
    const outbox = this.db
      .selectFrom("signals")
      .selectAll()
      .where("user_id", "=", "someone")
      .where("status", "=", APPROVED)
      .where("acked_at", "is", null)
      .where("expires_at", ">", now);
    return { expiry: plan(expiry), takeover: plan(takeover), replay: plan(replay), outbox: plan(outbox) };
  }
}
