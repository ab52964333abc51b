import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { DeliveryLogInsert, DeliveryStateChange, OutboxStore } from "./outbox-store";

/** A first ack, reported after the commit that recorded it (metrics count each delivery exactly once). */
export interface CommittedAck {
  signalId: string;
  latencyMs: number;
}

export interface DeliveryBookOptions {
  store: Pick<OutboxStore, "commit">;
  clock: Clock;
  logger: Logger;
  /** Called after each commit with the acks that were the first for their signal. */
  onFirstAcks?: (acks: CommittedAck[]) => void;
  /** Called after each commit with the stored log rows and, index for index, their ids (the admins' live view). */
  onLogStored?: (rows: readonly LoggedAttempt[], ids: readonly number[]) => void;
  /** Group commit window: a batch waits at most this long for company. */
  flushIntervalMs?: number;
  /** A batch this large commits at once instead of waiting out the window. */
  maxBatch?: number;
  /** While the database refuses writes, at most this many rows wait in memory; the oldest go first. */
  maxBuffered?: number;
}

/** A log row plus the signal's symbol, which the admins' live view shows. */
export type LoggedAttempt = DeliveryLogInsert & { symbol: string };

export const FLUSH_INTERVAL_MS = 5;
export const MAX_BATCH = 500;
export const MAX_BUFFERED = 50_000;
const RETRY_AFTER_FAILURE_MS = 1000;

/**
 * Delivery bookkeeping (`acked_at`, attempt counts, failed state) and delivery-log rows, written together in
 * group commits every few milliseconds or every `maxBatch` rows, whichever comes first, so an ack never
 * waits for a write and a write never waits for an ack. A clean shutdown flushes; a crash loses at most one
 * window of bookkeeping, which costs a replay of a signal already acked (the client shows it once) — never
 * an approval, which is committed before the first emit.
 */
export class DeliveryBook {
  private changes: DeliveryStateChange[] = [];
  private latencyOf = new Map<string, number>();
  private logRows: LoggedAttempt[] = [];
  /** Signals with an ack waiting in memory or in the commit under way: no retry may start for them. */
  private readonly unsettledAcks = new Map<string, number>();
  private windowOpen = false;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly maxBuffered: number;

  constructor(private readonly options: DeliveryBookOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS;
    this.maxBatch = options.maxBatch ?? MAX_BATCH;
    this.maxBuffered = options.maxBuffered ?? MAX_BUFFERED;
  }

  /** Books the ack of `attempts` at `ackedAt`; `latencyMs` feeds the latency metric if it is the first ack. */
  bookAck(signalId: string, attempts: number, ackedAt: number, latencyMs: number): void {
    this.changes.push({ kind: "acked", signalId, attempts, ackedAt });
    this.latencyOf.set(signalId, latencyMs);
    this.unsettledAcks.set(signalId, (this.unsettledAcks.get(signalId) ?? 0) + 1);
    this.scheduled();
  }

  /** Books a failed attempt; with `replayAt` it was the last one and the delivery becomes `failed`. */
  bookFailedAttempt(signalId: string, attempts: number, replayAt: number | null): void {
    this.changes.push({ kind: "attempt_failed", signalId, attempts, replayAt });
    this.scheduled();
  }

  /** Queues one delivery-log row (any channel). */
  appendLog(row: LoggedAttempt): void {
    this.logRows.push(row);
    this.scheduled();
  }

  /** True while an ack of this signal is booked but not yet committed. */
  hasUncommittedAck(signalId: string): boolean {
    return this.unsettledAcks.has(signalId);
  }

  /** Rows waiting for the next commit (for tests and the shutdown log). */
  get pending(): number {
    return this.changes.length + this.logRows.length;
  }

  /** Commits everything booked so far; resolves when it is in the database (or kept for a retry). */
  flush(): Promise<void> {
    const changes = this.changes;
    const logRows = this.logRows;
    const latencyOf = this.latencyOf;
    this.changes = [];
    this.logRows = [];
    this.latencyOf = new Map();
    // Commits run one after the other, so bookkeeping reaches the database in the order it was booked.
    this.writing = this.writing.then(() => this.write(changes, logRows, latencyOf));
    return this.writing;
  }

  private scheduled(): void {
    if (this.changes.length + this.logRows.length >= this.maxBatch) {
      void this.flush();
      return;
    }
    if (this.windowOpen) return;
    this.windowOpen = true;
    void this.options.clock.sleep(this.flushIntervalMs).then(() => {
      this.windowOpen = false;
      if (this.pending > 0) void this.flush();
    });
  }

  private async write(changes: DeliveryStateChange[], logRows: LoggedAttempt[], latencyOf: Map<string, number>): Promise<void> {
    if (changes.length === 0 && logRows.length === 0) return;
    let committed: Awaited<ReturnType<OutboxStore["commit"]>>;
    try {
      committed = await this.options.store.commit(changes, logRows);
    } catch (error) {
      this.keepForRetry(changes, logRows, latencyOf, error);
      return;
    }
    for (const change of changes) if (change.kind === "acked") this.settleAck(change.signalId);
    try {
      if (committed.firstAcks.size > 0) {
        this.options.onFirstAcks?.([...committed.firstAcks].map((signalId) => ({ signalId, latencyMs: latencyOf.get(signalId) ?? 0 })));
      }
      // Rows and ids apart: the listener copies them only when an admin is watching (no object per row otherwise).
      if (logRows.length > 0) this.options.onLogStored?.(logRows, committed.logIds);
    } catch (error) {
      this.options.logger.error({ err: error }, "a delivery commit listener failed");
    }
  }

  private settleAck(signalId: string): void {
    const left = (this.unsettledAcks.get(signalId) ?? 1) - 1;
    if (left > 0) this.unsettledAcks.set(signalId, left);
    else this.unsettledAcks.delete(signalId);
  }

  /** The database refused the commit: keep the rows (bounded) and try again a little later. */
  private keepForRetry(changes: DeliveryStateChange[], logRows: LoggedAttempt[], latencyOf: Map<string, number>, error: unknown): void {
    this.changes.unshift(...changes);
    this.logRows.unshift(...logRows);
    for (const [id, latency] of latencyOf) if (!this.latencyOf.has(id)) this.latencyOf.set(id, latency);
    const over = this.changes.length + this.logRows.length - this.maxBuffered;
    if (over > 0) {
      // Log rows go first: losing a bookkeeping change costs at worst a replay, losing a log row only a line.
      const fromLog = Math.min(over, this.logRows.length);
      this.logRows.splice(0, fromLog);
      for (const dropped of this.changes.splice(0, over - fromLog)) if (dropped.kind === "acked") this.settleAck(dropped.signalId);
    }
    this.options.logger.error(
      { err: error, rows: changes.length + logRows.length, dropped: Math.max(0, over) },
      "delivery commit failed; will retry",
    );
    void this.options.clock.sleep(RETRY_AFTER_FAILURE_MS).then(() => {
      if (this.pending > 0) void this.flush();
    });
  }
}
