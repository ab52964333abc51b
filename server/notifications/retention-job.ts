import { sql, type Kysely } from "kysely";
import type { Clock } from "../clock";
import type { Database } from "../db/schema";
import { revocationRetentionMs } from "../auth/session-lifetime";

const DAY_MS = 86_400_000;
/** Small batches: each delete holds the single SQLite writer only briefly, so acks never queue behind it. */
export const RETENTION_BATCH = 500;

export interface PruneCounts {
  delivery_log: number;
  rejected_signals: number;
  revoked_sessions: number;
}

/**
 * RETENTION_DAYS (contract §1): delivery-log rows, rejected signals and revoked sessions older than that are
 * deleted, a small batch at a time with a turn of the event loop between batches. Approved signals stay:
 * they carry decisions and outcomes. Revoked sessions are kept at least as long as a token can live after
 * its revocation (revocationRetentionMs), however small RETENTION_DAYS is: a forgotten revocation would
 * bring a signed-out token back to life.
 */
export class RetentionJob {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly retentionDays: number,
    private readonly batch = RETENTION_BATCH,
  ) {}

  /** Deletes everything older than the retention period; returns how much went from each table. */
  async pruneOnce(isStopping: () => boolean = () => false): Promise<PruneCounts> {
    const now = this.clock.now();
    const cutoff = now - this.retentionDays * DAY_MS;
    const revokedCutoff = now - revocationRetentionMs(this.retentionDays);
    const counts: PruneCounts = { delivery_log: 0, rejected_signals: 0, revoked_sessions: 0 };
    const steps: Array<[keyof PruneCounts, () => Promise<number>]> = [
      ["delivery_log", () => this.pruneDeliveryLog(cutoff)],
      ["rejected_signals", () => this.pruneRejectedSignals(cutoff)],
      ["revoked_sessions", () => this.pruneRevokedSessions(revokedCutoff)],
    ];
    for (const [table, prune] of steps) {
      for (;;) {
        const deleted = await prune();
        counts[table] += deleted;
        if (deleted < this.batch || isStopping()) break;
        // Let deliveries run between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return counts;
  }

  private async pruneDeliveryLog(cutoff: number): Promise<number> {
    const result = await this.db
      .deleteFrom("delivery_log")
      .where("id", "in", (eb) => eb.selectFrom("delivery_log").select("id").where("created_at", "<", cutoff).limit(this.batch))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async pruneRejectedSignals(cutoff: number): Promise<number> {
    const result = await this.db
      .deleteFrom("signals")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("signals")
          .select("id")
          // A literal, to match the partial index signals_rejected_created (migration 0003).
          .where("status", "=", sql.lit("rejected" as const))
          .where("created_at", "<", cutoff)
          .limit(this.batch),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async pruneRevokedSessions(cutoff: number): Promise<number> {
    const result = await this.db
      .deleteFrom("revoked_sessions")
      .where("session_id", "in", (eb) =>
        eb.selectFrom("revoked_sessions").select("session_id").where("revoked_at", "<", cutoff).limit(this.batch),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
