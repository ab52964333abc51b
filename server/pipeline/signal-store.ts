import type { Kysely, Selectable } from "kysely";
import type { Database, SignalsTable } from "../db/schema";

export type SignalRow = Selectable<SignalsTable>;

// SQLite caps bound parameters per statement; 30 columns × 500 rows stays well under its limit.
const INSERT_CHUNK = 500;

/** Signals: the per-user outcome of a pattern, their decision, and their delivery state (the outbox). */
export class SignalStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insertMany(rows: SignalRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto("signals")
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }

  findById(id: string): Promise<SignalRow | undefined> {
    return this.db.selectFrom("signals").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The caller's signals, newest first; `status` filters (pending = approved and not yet expired). */
  listForUser(userId: string, status: string | undefined, now: number, limit = 200): Promise<SignalRow[]> {
    let query = this.db.selectFrom("signals").selectAll().where("user_id", "=", userId).where("status", "!=", "rejected");
    if (status === "pending") query = query.where("status", "=", "approved").where("expires_at", ">", now);
    else if (status) query = query.where("status", "=", status as SignalRow["status"]);
    return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  }

  /** Approved, unexpired and never acked: what a user's next socket must receive, oldest first. */
  outboxFor(userId: string, now: number): Promise<SignalRow[]> {
    return this.db
      .selectFrom("signals")
      .selectAll()
      .where("user_id", "=", userId)
      .where("status", "=", "approved")
      .where("acked_at", "is", null)
      .where("expires_at", ">", now)
      .orderBy("approved_at", "asc")
      .execute();
  }

  /** Records the first ack; false when another path (retry, replay, other node) recorded one first. */
  async markDelivered(id: string, attempts: number, ackedAt: number): Promise<boolean> {
    const result = await this.db
      .updateTable("signals")
      .set((eb) => ({
        delivery_state: "delivered",
        acked_at: ackedAt,
        // A replay numbered from an older snapshot must not count fewer attempts than were made.
        delivery_attempts: eb.case().when("delivery_attempts", "<", attempts).then(attempts).else(eb.ref("delivery_attempts")).end(),
      }))
      .where("id", "=", id)
      .where("acked_at", "is", null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Counts a failed attempt; after the last one the delivery is `failed` and waits for a replay at `replayAt`. */
  async recordFailedAttempt(id: string, attempts: number, final: { replayAt: number } | null): Promise<void> {
    await this.db
      .updateTable("signals")
      .set({
        delivery_attempts: attempts,
        ...(final ? { delivery_state: "failed" as const, lease_until: null, next_replay_at: final.replayAt } : {}),
      })
      .where("id", "=", id)
      .where("acked_at", "is", null)
      .execute();
  }

  /** True when the signal needs no more attempts: acked, decided or expired. */
  async isSettled(id: string, now: number): Promise<boolean> {
    const row = await this.db.selectFrom("signals").select(["acked_at", "status", "expires_at"]).where("id", "=", id).executeTakeFirst();
    return !row || row.acked_at !== null || row.status !== "approved" || (row.expires_at ?? 0) <= now;
  }

  /** Moves every approved signal past its expiry to `expired`; each row is returned to exactly one caller. */
  expireDue(now: number): Promise<Pick<SignalRow, "id" | "user_id" | "symbol" | "acked_at" | "approved_at" | "delivery_attempts">[]> {
    return this.db
      .updateTable("signals")
      .set({ status: "expired", lease_until: null })
      .where("status", "=", "approved")
      .where("expires_at", "<=", now)
      .returning(["id", "user_id", "symbol", "acked_at", "approved_at", "delivery_attempts"])
      .execute();
  }

  /**
   * Takes over pending deliveries whose owner's lease ran out (a node died or restarted).
   * PostgreSQL skips rows another node is claiming at the same moment; SQLite has one writer.
   */
  async claimAbandoned(owner: string, now: number, leaseMs: number, dialect: "sqlite" | "postgres", limit = 100): Promise<SignalRow[]> {
    const candidates = this.db
      .selectFrom("signals")
      .select("id")
      .where("delivery_state", "=", "pending")
      .where("status", "=", "approved")
      .where("lease_until", "<", now)
      .where("expires_at", ">", now)
      .limit(limit);
    return this.db
      .updateTable("signals")
      .set({ delivery_owner: owner, lease_until: now + leaseMs })
      .where("id", "in", dialect === "postgres" ? candidates.forUpdate().skipLocked() : candidates)
      .returningAll()
      .execute();
  }

  /**
   * Failed, unexpired, unacked deliveries of these users that are due for another offer; each row goes to one
   * caller, which pushes its next offer `intervalMs` later.
   */
  async claimReplays(userIds: string[], now: number, intervalMs: number): Promise<SignalRow[]> {
    if (userIds.length === 0) return [];
    return this.db
      .updateTable("signals")
      .set({ next_replay_at: now + intervalMs })
      .where("delivery_state", "=", "failed")
      .where("status", "=", "approved")
      .where("acked_at", "is", null)
      .where("expires_at", ">", now)
      .where("next_replay_at", "<=", now)
      .where("user_id", "in", userIds)
      .returningAll()
      .execute();
  }

  /** Take or skip, only while the signal is approved and unexpired. */
  async decide(id: string, userId: string, status: "taken" | "skipped", reason: string | null, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("signals")
      .set({ status, decided_at: now, decision_reason: reason, lease_until: null })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("status", "=", "approved")
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The users who already have a signal for this symbol, timeframe and pattern since `since` (the duplicate rule). */
  async recentKeysFor(
    userIds: string[],
    key: { symbol: string; timeframe: string; patternType: string },
    since: number,
    isTest: boolean,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom("signals")
      .select("user_id")
      .distinct()
      .where("user_id", "in", userIds)
      .where("symbol", "=", key.symbol)
      .where("timeframe", "=", key.timeframe)
      .where("pattern_type", "=", key.patternType)
      .where("status", "!=", "rejected")
      .where("created_at", ">=", since)
      // An admin's test signal never blocks a real one (nor the other way round).
      .where("is_test", "=", isTest ? 1 : 0)
      .execute();
    return new Set(rows.map((row) => row.user_id));
  }
}
