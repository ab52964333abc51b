import type { Clock } from "../clock";
import type { DatabaseHandle } from "../db/database";
import type { DeliveryOutcome } from "../db/schema";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import type { SignalRow } from "../pipeline/signal-store";
import type { SignalDeskIo, SignalDeskSocket } from "../realtime/socket-types";
import { DeliveryAttempts, type DeliveryTask } from "./delivery-attempts";
import { DeliveryEvents } from "./delivery-events";
import type { DeliveryLog } from "./delivery-log";
import { DeliverySweeps } from "./delivery-sweeps";
import { FirstAckEmitter, emitToSocket } from "./first-ack-emitter";
import { toNotification } from "./notification-payload";
import { OutboxStore } from "./outbox-store";
import { RateLimit } from "../rate-limit";
import { RetentionJob } from "./retention-job";
import { deliveryLeaseMs } from "./retry-policy";

/** A fan-out emits to this many users, then lets the event loop read acks before the next chunk. */
export const START_CHUNK = 250;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface DeliveryServiceOptions {
  io: SignalDeskIo;
  database: Pick<DatabaseHandle, "db" | "dialect" | "sqlite">;
  /** The delivery log, whose group commits also carry the ack bookkeeping. */
  log: DeliveryLog;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  ackTimeoutMs: number;
  nodeId: string;
  /** True when an adapter shares rooms with other nodes, whose sockets are reached by broadcast. */
  clustered: boolean;
  /** RETENTION_DAYS; null runs no retention job (tests of other things). */
  retentionDays: number | null;
  /** Other channels (contract §9 escalation) hear of approvals and of every socket attempt's outcome here. */
  hooks?: DeliveryHooks;
}

/** The escalation's view of the delivery core (issue 15); see also `DeliveryService.events`. */
export interface DeliveryHooks {
  /** `alwaysWebhook`: the users with an `always` webhook among `rows`, when the caller knows them. */
  approved(rows: readonly SignalRow[], alwaysWebhook?: ReadonlySet<string>): void;
  /** Every attempt of the attempt loop (not replays); `final` after the 4th. */
  attemptEnded(row: SignalRow, outcome: DeliveryOutcome, final: boolean): void;
}

/**
 * The delivery core, composed: the first-ack emitter (first-ack-emitter.ts), the attempt loop
 * (delivery-attempts.ts), the outbox queries (outbox-store.ts), the sweeps (delivery-sweeps.ts) and the group
 * commits of bookkeeping and log rows (delivery-book.ts via delivery-log.ts). All state that matters lives in
 * the signals table; timers only decide when to look again. `events` is the seam for escalation (issue 15).
 */
/**
 * A signal is replayed to a connecting socket at most once per this long on one node (issue 23 item 6): a
 * client stuck in a reconnect loop otherwise costs a delivery-log row, a log line and an admin feed entry per
 * signal and connection. The periodic replay of failed deliveries has the same pace (REPLAY_INTERVAL_MS).
 */
export const REPLAY_MIN_INTERVAL_MS = 10_000;

export class DeliveryService {
  readonly events: DeliveryEvents;
  readonly outbox: OutboxStore;
  private readonly attempts: DeliveryAttempts;
  private readonly sweeps: DeliverySweeps;
  private readonly emitter: FirstAckEmitter;
  /** Signals this node is delivering right now, so a takeover never runs a second loop for one. */
  private readonly active = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  /** Who waits for `active` to empty (a shutdown). */
  private readonly idleWaiters: Array<() => void> = [];
  private readonly replays = new RateLimit(1, REPLAY_MIN_INTERVAL_MS);
  private stopping = false;

  constructor(private readonly options: DeliveryServiceOptions) {
    this.events = new DeliveryEvents(options.logger);
    this.outbox = new OutboxStore(options.database);
    this.emitter = new FirstAckEmitter(options.io, options.ackTimeoutMs, options.clustered);
    this.attempts = new DeliveryAttempts({
      emitter: this.emitter,
      outbox: this.outbox,
      log: options.log,
      book: options.log.book,
      events: this.events,
      metrics: options.metrics,
      clock: options.clock,
      isStopping: () => this.stopping,
    });
    this.sweeps = new DeliverySweeps({
      io: options.io,
      outbox: this.outbox,
      attempts: this.attempts,
      emitter: this.emitter,
      retention: options.retentionDays === null ? null : new RetentionJob(options.database.db, options.clock, options.retentionDays),
      metrics: options.metrics,
      clock: options.clock,
      logger: options.logger,
      nodeId: options.nodeId,
      leaseMs: deliveryLeaseMs(options.ackTimeoutMs),
      resume: (task, firstAttempt) => this.deliver(task, firstAttempt),
      track: (work) => this.track(work),
    });
    const hooks = options.hooks;
    if (hooks) this.events.onAttemptSettled((event) => event.replay || hooks.attemptEnded(event.signal, event.outcome, event.final));
  }

  /** Marks approved signals as this node's pending deliveries, for the caller to store in its transaction. */
  own(rows: SignalRow[]): SignalRow[] {
    const leaseUntil = this.options.clock.now() + deliveryLeaseMs(this.options.ackTimeoutMs);
    // In place: the rows were just made for this insert, and a copy per approval is garbage on the hot path.
    for (const row of rows) {
      row.delivery_state = "pending";
      row.delivery_owner = this.options.nodeId;
      row.lease_until = leaseUntil;
    }
    return rows;
  }

  /**
   * Starts delivering stored, owned signals (after their transaction committed). `approvedAtHr` is
   * performance.now() at the moment of approval, for sub-millisecond latency in the structured log;
   * `alwaysWebhook` goes to the escalation hook (DeliveryHooks.approved).
   */
  start(rows: SignalRow[], approvedAtHr?: number, alwaysWebhook?: ReadonlySet<string>): void {
    // The first chunk is emitted before this returns (an async function runs up to its first await).
    this.track(this.startInChunks(rows, approvedAtHr));
    this.options.hooks?.approved(rows, alwaysWebhook);
  }

  /**
   * A fan-out's first attempts, START_CHUNK at a time with a turn of the event loop between chunks: acks of the
   * first users are read and booked while later users are still being sent to (issue 20 item 5).
   */
  private async startInChunks(rows: SignalRow[], approvedAtHr: number | undefined): Promise<void> {
    for (let from = 0; from < rows.length; from += START_CHUNK) {
      if (from > 0) await yieldToEventLoop();
      if (this.stopping) return;
      for (const row of rows.slice(from, from + START_CHUNK)) {
        this.deliver(approvedAtHr === undefined ? { row } : { row, approvedAtHr }, 1);
      }
    }
  }

  /** Starts the expiry, takeover, replay and retention sweeps. */
  startSweeps(): void {
    this.sweeps.start();
  }

  /** Stops the sweeps, waits for attempts under way (at most one ack timeout) and commits what is booked. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.sweeps.stop();
    await Promise.allSettled([...this.running, this.deliveriesDone()]);
    await this.options.log.flush();
  }

  /**
   * Sends every unexpired, unacked signal of the socket's user to that socket, oldest first — each at most
   * once per REPLAY_MIN_INTERVAL_MS on this node, so a reconnect loop cannot flood the delivery log.
   */
  async replayTo(socket: SignalDeskSocket): Promise<void> {
    const now = this.options.clock.now();
    const pending = await this.outbox.outboxFor(socket.data.userId, now);
    let again = Infinity;
    for (const row of pending) {
      const replay = this.replays.take(row.id, now);
      if (!replay.ok) {
        again = Math.min(again, replay.retryAt);
        continue;
      }
      this.track(this.attempts.replay(row, () => emitToSocket(socket, toNotification(row), this.options.ackTimeoutMs)));
    }
    // A signal held back is offered to this socket once its interval is over, if the socket is still there:
    // a reconnect loop gets nothing more, a socket that stays gets every signal within the interval. Not
    // tracked, so a shutdown never waits for it.
    if (again !== Infinity) {
      void this.options.clock
        .sleep(again - now)
        .then(() => (!this.stopping && socket.connected ? this.replayTo(socket) : undefined))
        .catch((error: unknown) => this.options.logger.error({ err: error }, "replay failed"));
    }
  }

  private deliver(task: DeliveryTask, firstAttempt: number): boolean {
    const { id } = task.row;
    if (this.active.has(id)) return false;
    this.active.add(id);
    void this.runDelivery(task, firstAttempt);
    return true;
  }

  /**
   * One delivery's attempt loop, tracked by `active` alone: one promise per delivery and no closure, where a
   * tracked promise with its `finally` and `catch` made four (issue 20, session 6: GC was the largest share of
   * the saturation profile after the socket writes).
   */
  private async runDelivery(task: DeliveryTask, firstAttempt: number): Promise<void> {
    try {
      await this.attempts.run(task, firstAttempt);
    } catch (error) {
      this.options.logger.error({ err: error }, "delivery failed unexpectedly");
    } finally {
      this.active.delete(task.row.id);
      if (this.active.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Resolves when no delivery loop runs on this node. */
  private async deliveriesDone(): Promise<void> {
    while (this.active.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.options.logger.error({ err: error }, "delivery failed unexpectedly"));
    this.running.add(guarded);
    void guarded.finally(() => this.running.delete(guarded));
  }
}
