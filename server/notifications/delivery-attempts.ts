import { performance } from "node:perf_hooks";
import type { SignalNotification } from "@/lib/signal-notification";
import type { Clock } from "../clock";
import type { Metrics } from "../metrics";
import type { SignalRow } from "../pipeline/signal-store";
import type { DeliveryBook } from "./delivery-book";
import type { DeliveryEvents } from "./delivery-events";
import type { DeliveryLog } from "./delivery-log";
import type { AttemptResult, FirstAckEmitter } from "./first-ack-emitter";
import { toNotification } from "./notification-payload";
import type { OutboxStore } from "./outbox-store";
import { MAX_ATTEMPTS, delayAfterFailure } from "./retry-policy";

/**
 * A failed delivery is offered again to the user's sockets on this node this often until it expires: a socket
 * that stayed connected through a Redis outage or a stalled tab would otherwise wait for its next reconnect.
 */
export const REPLAY_INTERVAL_MS = 10_000;

/** A signal to deliver; `approvedAtHr` is performance.now() at approval when this process approved it. */
export interface DeliveryTask {
  row: SignalRow;
  approvedAtHr?: number;
}

export interface DeliveryAttemptsOptions {
  emitter: FirstAckEmitter;
  outbox: Pick<OutboxStore, "isSettled">;
  log: DeliveryLog;
  book: DeliveryBook;
  events: DeliveryEvents;
  metrics: Metrics;
  clock: Clock;
  isStopping: () => boolean;
}

/**
 * The attempt loop (contract §4): emit, wait for the first ack, book it or retry after 100 / 500 / 2000 ms; after
 * the 4th failure the delivery is `failed` and waits in the outbox for a replay. Nothing here awaits the
 * database on the first attempt; a retry first checks that the signal is still approved, unacked and unexpired.
 */
export class DeliveryAttempts {
  constructor(private readonly options: DeliveryAttemptsOptions) {}

  /** Delivers one signal from `firstAttempt` on (1 after approval, later after a takeover). */
  async run(task: DeliveryTask, firstAttempt: number): Promise<void> {
    const { row } = task;
    const { clock, metrics } = this.options;
    // Built once per delivery: retries send the same payload.
    const payload = toNotification(row);
    for (let attempt = firstAttempt; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > firstAttempt) {
        await clock.sleep(delayAfterFailure(attempt - 1) ?? 0);
        if (this.options.isStopping() || (await this.isSettled(row))) return;
        metrics.notificationRetries.inc();
      } else if (attempt > 1 && (await this.isSettled(row))) {
        return;
      }
      const result = await this.send(row, payload);
      const at = clock.now();
      this.record(task, attempt, result, at);
      if (result.outcome === "delivered") {
        this.options.book.bookAck(row.id, attempt, at, latencyOf(task, at));
        this.options.events.attemptSettled({ signal: row, attempt, outcome: result.outcome, final: false, replay: false, at });
        return;
      }
      const final = attempt === MAX_ATTEMPTS;
      this.options.book.bookFailedAttempt(row.id, attempt, final ? at + REPLAY_INTERVAL_MS : null);
      if (final) {
        // contract §7: a failed delivery (every attempt used), labelled by its last attempt's outcome.
        metrics.notificationsSent.inc({ outcome: "failed" });
        metrics.notificationFailures.inc({ reason: result.outcome });
      }
      this.options.events.attemptSettled({ signal: row, attempt, outcome: result.outcome, final, replay: false, at });
    }
  }

  /**
   * A replay of an outbox signal (`send` emits it to one socket or to this node's sockets of the user): an ack
   * is logged `replayed` and booked; a failure is logged and leaves the signal in the outbox.
   */
  async replay(row: SignalRow, send: () => Promise<AttemptResult>): Promise<void> {
    const { clock } = this.options;
    if (row.expires_at === null || row.expires_at <= clock.now()) return;
    const attempt = row.delivery_attempts + 1;
    const sent = await this.attempt(send);
    const result: AttemptResult = sent.outcome === "delivered" ? { ...sent, outcome: "replayed" } : sent;
    const at = clock.now();
    this.record({ row }, attempt, result, at);
    if (result.outcome === "replayed") this.options.book.bookAck(row.id, attempt, at, latencyOf({ row }, at));
    this.options.events.attemptSettled({ signal: row, attempt, outcome: result.outcome, final: false, replay: true, at });
  }

  /** Logs `expired` for a signal that expired before any ack. */
  recordExpiry(row: Pick<SignalRow, "id" | "user_id" | "symbol" | "approved_at" | "delivery_attempts">, at: number): void {
    this.record({ row }, row.delivery_attempts + 1, { outcome: "expired", sockets: 0, error: "expired before any ack" }, at);
  }

  /**
   * One attempt of the loop: the only place an approval is emitted to the user's room, so a per-user check
   * before each delivery (a revoked session, issue 23) belongs here. No closure or extra promise per attempt.
   */
  private async send(row: SignalRow, payload: SignalNotification): Promise<AttemptResult> {
    try {
      return await this.options.emitter.emit(row.user_id, payload);
    } catch (error) {
      return { outcome: "error", sockets: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** An emit that throws is an attempt with outcome `error`; the retry schedule goes on. */
  private async attempt(send: () => Promise<AttemptResult>): Promise<AttemptResult> {
    try {
      return await send();
    } catch (error) {
      return { outcome: "error", sockets: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private isSettled(row: SignalRow): Promise<boolean> {
    if (this.options.book.hasUncommittedAck(row.id)) return Promise.resolve(true);
    return this.options.outbox.isSettled(row.id, this.options.clock.now());
  }

  private record(
    task: { row: Pick<SignalRow, "id" | "user_id" | "symbol" | "approved_at">; approvedAtHr?: number },
    attempt: number,
    result: AttemptResult,
    at: number,
  ): void {
    const { row } = task;
    const { log } = this.options;
    // The exact latency goes only to the structured log line, which a delivered attempt gets at debug only.
    const exact = task.approvedAtHr !== undefined && (result.outcome !== "delivered" || log.logsDelivered);
    log.append({
      signal_id: row.id,
      user_id: row.user_id,
      symbol: row.symbol,
      attempt,
      outcome: result.outcome,
      latency_ms: Math.max(0, Math.round(at - (row.approved_at ?? at))),
      latency_exact_ms: exact ? Number((performance.now() - task.approvedAtHr!).toFixed(3)) : undefined,
      sockets: result.sockets,
      error: result.error,
      created_at: at,
    });
  }
}

/** Approval → ack in ms, sub-millisecond when this process approved the signal. */
function latencyOf(task: DeliveryTask, at: number): number {
  return task.approvedAtHr === undefined ? Math.max(0, at - (task.row.approved_at ?? at)) : performance.now() - task.approvedAtHr;
}
