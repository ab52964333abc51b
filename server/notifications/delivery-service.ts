import { userRoom } from "@/lib/socket-events";
import type { Clock } from "../clock";
import type { SqlDialectName } from "../db/database";
import type { DeliveryOutcome } from "../db/schema";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import type { SignalRow, SignalStore } from "../pipeline/signal-store";
import type { SignalDeskIo, SignalDeskSocket } from "../realtime/socket-types";
import type { DeliveryLog } from "./delivery-log";
import { toNotification } from "./notification-payload";
import { MAX_ATTEMPTS, delayAfterFailure, deliveryLeaseMs } from "./retry-policy";

export interface DeliveryServiceOptions {
  io: SignalDeskIo;
  signals: SignalStore;
  log: DeliveryLog;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  ackTimeoutMs: number;
  nodeId: string;
  dialect: SqlDialectName;
  /** True when an adapter shares rooms with other nodes, whose sockets are reached by broadcast. */
  clustered: boolean;
  /** Emails for the admin view, looked up once per user rather than per attempt. */
  emailOf: (userId: string) => Promise<string>;
  /** Other channels (SPEC §9 escalation) hear of approvals and of every socket attempt's outcome here. */
  hooks?: DeliveryHooks;
}

export interface DeliveryHooks {
  approved(rows: readonly SignalRow[]): void;
  attemptEnded(row: SignalRow, outcome: DeliveryOutcome, final: boolean): void;
}

interface AttemptResult {
  outcome: DeliveryOutcome;
  sockets: number;
  error: string | null;
}

const SWEEP_INTERVAL_MS = 250;
const TAKEOVER_INTERVAL_MS = 2000;
/**
 * A failed delivery is offered again to the user's sockets on this node this often until it expires: a socket
 * that stayed connected through a Redis outage or a stalled tab would otherwise wait for its next reconnect.
 */
export const REPLAY_INTERVAL_MS = 10_000;

/**
 * Delivers approved signals to their trader's sockets: acked attempts with retries, replay of the outbox
 * when a socket connects, expiry, and takeover of deliveries a dead node left behind. All state that
 * matters lives in the signals table; timers only decide when to look again.
 */
export class DeliveryService {
  private readonly active = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly o: DeliveryServiceOptions) {}

  /** Marks approved signals as this node's pending deliveries, for the caller to store in its transaction. */
  own(rows: SignalRow[]): SignalRow[] {
    const leaseUntil = this.o.clock.now() + deliveryLeaseMs(this.o.ackTimeoutMs);
    return rows.map((row) => ({ ...row, delivery_state: "pending" as const, delivery_owner: this.o.nodeId, lease_until: leaseUntil }));
  }

  /** Starts delivering stored, owned signals (after their transaction committed). */
  start(rows: SignalRow[]): void {
    for (const row of rows) this.track(this.deliver(row, 1));
    this.o.hooks?.approved(rows);
  }

  /** Starts the expiry sweep, the takeover of abandoned deliveries and the replay of failed ones. */
  startSweeps(): void {
    this.timers.push(setInterval(() => void this.expireDue(), SWEEP_INTERVAL_MS));
    this.timers.push(setInterval(() => void this.takeOverAbandoned(), TAKEOVER_INTERVAL_MS));
    this.timers.push(setInterval(() => void this.replayFailedToLocalSockets(), REPLAY_INTERVAL_MS / 4));
  }

  /** Stops timers and waits for attempts under way to settle (at most one ack timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
    await this.o.log.flush();
  }

  /** Sends every unexpired, unacked signal of the socket's user to that socket, oldest first. */
  async replayTo(socket: SignalDeskSocket): Promise<void> {
    const { userId } = socket.data;
    const pending = await this.o.signals.outboxFor(userId, this.o.clock.now());
    for (const row of pending) this.track(this.replayOne(socket, row));
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.o.logger.error({ err: error }, "delivery failed unexpectedly"));
    this.running.add(guarded);
    void guarded.finally(() => this.running.delete(guarded));
  }

  private async deliver(row: SignalRow, firstAttempt: number): Promise<void> {
    this.active.add(row.id);
    try {
      for (let attempt = firstAttempt; attempt <= MAX_ATTEMPTS; attempt++) {
        if (attempt > firstAttempt) {
          await this.o.clock.sleep(delayAfterFailure(attempt - 1) ?? 0);
          if (this.stopped || (await this.o.signals.isSettled(row.id, this.o.clock.now()))) return;
          this.o.metrics.notificationRetries.inc();
        } else if (attempt > 1 && (await this.o.signals.isSettled(row.id, this.o.clock.now()))) {
          return;
        }
        const result = await this.emitToRoom(row);
        const ackedAt = this.o.clock.now();
        await this.record(row, attempt, result, ackedAt);
        this.o.hooks?.attemptEnded(row, result.outcome, attempt === MAX_ATTEMPTS);
        if (result.outcome === "delivered") {
          if (await this.o.signals.markDelivered(row.id, attempt, ackedAt)) this.countDelivered(row, ackedAt);
          return;
        }
        this.o.metrics.notificationFailures.inc({ reason: result.outcome });
        const final = attempt === MAX_ATTEMPTS;
        await this.o.signals.recordFailedAttempt(row.id, attempt, final ? { replayAt: this.o.clock.now() + REPLAY_INTERVAL_MS } : null);
        if (final) this.o.metrics.notificationsSent.inc({ outcome: "failed" });
      }
    } finally {
      this.active.delete(row.id);
    }
  }

  /**
   * One attempt: the signal goes to every socket of the user (this node's, and with `everywhere` the other
   * nodes'), and the attempt is delivered at the first ack, so one stalled tab neither delays nor hides it.
   */
  private emitToRoom(row: SignalRow, scope: "everywhere" | "local" = "everywhere"): Promise<AttemptResult> {
    const namespace = this.o.io.of("/");
    const room = userRoom(row.user_id);
    const payload = toNotification(row);
    const localIds = [...(namespace.adapter.rooms.get(room) ?? [])];
    // Each branch resolves to the number of sockets that acked, 0 when none did in time.
    const branches: Promise<number>[] = localIds.flatMap((id) => {
      const socket = namespace.sockets.get(id);
      if (!socket) return [];
      return [
        socket
          .timeout(this.o.ackTimeoutMs)
          .emitWithAck("signal_approved", payload)
          .then(
            () => 1,
            () => 0,
          ),
      ];
    });
    let remoteSockets = 0;
    if (scope === "everywhere" && this.o.clustered) {
      branches.push(
        new Promise((resolve) => {
          try {
            // Other nodes' sockets only: this node's own were reached one by one above.
            this.o.io
              .to(room)
              .except(localIds)
              .timeout(this.o.ackTimeoutMs)
              .emit("signal_approved", payload, (error: Error | null, receipts: unknown[]) => {
                remoteSockets = error || receipts.length > 0 ? Math.max(1, receipts.length) : 0;
                resolve(receipts.length);
              });
          } catch {
            resolve(0);
          }
        }),
      );
    }
    const reached = () => localIds.length + remoteSockets;
    return new Promise((resolve) => {
      let pending = branches.length;
      let done = false;
      const finish = (result: AttemptResult) => {
        if (!done) resolve(result);
        done = true;
      };
      if (pending === 0) finish({ outcome: "no_connection", sockets: 0, error: "no socket connected" });
      for (const branch of branches) {
        void branch.then((acks) => {
          pending -= 1;
          if (acks > 0) finish({ outcome: "delivered", sockets: acks, error: null });
          else if (pending === 0) {
            // An empty cluster-wide room answers at once with no receipts: nobody was there to deliver to.
            finish(
              reached() > 0
                ? { outcome: "timeout", sockets: 0, error: `no ack within ${this.o.ackTimeoutMs} ms` }
                : { outcome: "no_connection", sockets: 0, error: "no socket connected" },
            );
          }
        });
      }
    });
  }

  private async replayOne(socket: SignalDeskSocket, row: SignalRow): Promise<void> {
    if (row.expires_at === null || row.expires_at <= this.o.clock.now()) return;
    const attempt = row.delivery_attempts + 1;
    let result: AttemptResult;
    try {
      await socket.timeout(this.o.ackTimeoutMs).emitWithAck("signal_approved", toNotification(row));
      result = { outcome: "replayed", sockets: 1, error: null };
    } catch {
      result = socket.connected
        ? { outcome: "timeout", sockets: 0, error: `no ack to replay within ${this.o.ackTimeoutMs} ms` }
        : { outcome: "no_connection", sockets: 0, error: "socket closed during replay" };
    }
    await this.finishReplay(row, attempt, result);
  }

  /** Logs a replay and records its ack, counting the delivery once whichever path acked first. */
  private async finishReplay(row: SignalRow, attempt: number, result: AttemptResult): Promise<void> {
    const at = this.o.clock.now();
    await this.record(row, attempt, result, at);
    if (result.outcome === "replayed") {
      if (await this.o.signals.markDelivered(row.id, attempt, at)) this.countDelivered(row, at);
    } else {
      this.o.metrics.notificationFailures.inc({ reason: result.outcome });
    }
  }

  /** Offers failed, unexpired deliveries again to the sockets their users have on this node. */
  private async replayFailedToLocalSockets(): Promise<void> {
    try {
      const localUsers = new Set<string>();
      for (const socket of this.o.io.of("/").sockets.values()) localUsers.add(socket.data.userId);
      const due = await this.o.signals.claimReplays([...localUsers], this.o.clock.now(), REPLAY_INTERVAL_MS);
      for (const row of due) this.track(this.replayToLocalRoom(row));
    } catch (error) {
      this.o.logger.error({ err: error }, "replay sweep failed");
    }
  }

  private async replayToLocalRoom(row: SignalRow): Promise<void> {
    const result = await this.emitToRoom(row, "local");
    await this.finishReplay(row, row.delivery_attempts + 1, result.outcome === "delivered" ? { ...result, outcome: "replayed" } : result);
  }

  private countDelivered(row: SignalRow, ackedAt: number): void {
    this.o.metrics.notificationsSent.inc({ outcome: "delivered" });
    this.o.metrics.notificationLatency.observe(ackedAt - (row.approved_at ?? ackedAt));
  }

  private async record(
    row: Pick<SignalRow, "id" | "user_id" | "symbol" | "approved_at">,
    attempt: number,
    result: AttemptResult,
    at: number,
  ): Promise<void> {
    this.o.log.append({
      signal_id: row.id,
      user_id: row.user_id,
      user_email: await this.o.emailOf(row.user_id),
      symbol: row.symbol,
      attempt,
      outcome: result.outcome,
      latency_ms: Math.max(0, Math.round(at - (row.approved_at ?? at))),
      sockets: result.sockets,
      error: result.error,
      created_at: at,
    });
  }

  /** Expires due signals, tells the user's tabs, and logs `expired` for those never acked. */
  private async expireDue(): Promise<void> {
    let expired: Awaited<ReturnType<SignalStore["expireDue"]>>;
    const now = this.o.clock.now();
    try {
      expired = await this.o.signals.expireDue(now);
    } catch (error) {
      this.o.logger.error({ err: error }, "expiry sweep failed");
      return;
    }
    // The rows are expired now and no later sweep returns them: tell every tab before anything can fail.
    for (const row of expired) this.o.io.to(userRoom(row.user_id)).emit("signal_updated", { signal_id: row.id, status: "expired" });
    for (const row of expired) {
      if (row.acked_at !== null) continue;
      await this.record(row, row.delivery_attempts + 1, { outcome: "expired", sockets: 0, error: "expired before any ack" }, now).catch(
        (error: unknown) => this.o.logger.error({ err: error, signal_id: row.id }, "could not log an expiry"),
      );
    }
  }

  /** Continues deliveries whose owner stopped before finishing them (another node, or this one before a restart). */
  private async takeOverAbandoned(): Promise<void> {
    try {
      const now = this.o.clock.now();
      const claimed = await this.o.signals.claimAbandoned(this.o.nodeId, now, deliveryLeaseMs(this.o.ackTimeoutMs), this.o.dialect);
      for (const row of claimed) {
        if (this.active.has(row.id)) continue;
        this.o.logger.info({ signal_id: row.id, attempts: row.delivery_attempts }, "taking over delivery");
        this.track(this.deliver(row, Math.min(row.delivery_attempts + 1, MAX_ATTEMPTS)));
      }
    } catch (error) {
      this.o.logger.error({ err: error }, "delivery takeover failed");
    }
  }
}
