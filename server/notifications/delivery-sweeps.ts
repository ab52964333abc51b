import { performance } from "node:perf_hooks";
import { userRoom } from "@/lib/socket-events";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { Metrics } from "../metrics";
import type { SignalDeskIo } from "../realtime/socket-types";
import { type DeliveryAttempts, type DeliveryTask, REPLAY_INTERVAL_MS } from "./delivery-attempts";
import type { FirstAckEmitter } from "./first-ack-emitter";
import { toNotification } from "./notification-payload";
import type { OutboxStore } from "./outbox-store";
import type { RetentionJob } from "./retention-job";
import { MAX_ATTEMPTS } from "./retry-policy";

export const EXPIRY_INTERVAL_MS = 250;
export const TAKEOVER_INTERVAL_MS = 2000;
export const REPLAY_SWEEP_INTERVAL_MS = REPLAY_INTERVAL_MS / 4;
export const RETENTION_INTERVAL_MS = 10 * 60_000;
/** Takeover claims this many at a time, and claims again at once while full batches come back. */
export const TAKEOVER_BATCH = 100;

export type SweepName = "expiry" | "takeover" | "replay" | "retention";

export interface DeliverySweepsOptions {
  io: SignalDeskIo;
  outbox: Pick<OutboxStore, "expireDue" | "claimAbandoned" | "claimReplays">;
  attempts: Pick<DeliveryAttempts, "recordExpiry" | "replay">;
  emitter: Pick<FirstAckEmitter, "emit">;
  retention: Pick<RetentionJob, "pruneOnce"> | null;
  metrics: Pick<Metrics, "sweepDuration">;
  clock: Clock;
  logger: Logger;
  nodeId: string;
  leaseMs: number;
  /** Starts (and tracks) a delivery taken over from a dead owner; false when this node is already on it. */
  resume: (task: DeliveryTask, firstAttempt: number) => boolean;
  track: (work: Promise<void>) => void;
}

/**
 * The periodic jobs of the outbox: expiry, takeover of abandoned deliveries, replay of failed ones to this
 * node's sockets, and retention. Each runs in its own loop that sleeps after a run ends, so a sweep never
 * overlaps the previous one however slow the database is; each uses an index (migration 0003).
 */
export class DeliverySweeps {
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly options: DeliverySweepsOptions) {}

  start(): void {
    void this.loop("expiry", EXPIRY_INTERVAL_MS, () => this.expireDue());
    void this.loop("takeover", TAKEOVER_INTERVAL_MS, () => this.takeOverAbandoned());
    void this.loop("replay", REPLAY_SWEEP_INTERVAL_MS, () => this.replayFailedToLocalSockets());
    const retention = this.options.retention;
    if (retention) void this.loop("retention", RETENTION_INTERVAL_MS, () => retention.pruneOnce(() => this.stopping));
  }

  /** No new sweep starts; resolves when the runs under way have ended (sleeping loops just never wake to run). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running]);
  }

  private async loop(name: SweepName, intervalMs: number, run: () => Promise<unknown>): Promise<void> {
    while (!this.stopping) {
      const started = performance.now();
      const current = run().catch((error: unknown) => this.options.logger.error({ err: error, sweep: name }, "sweep failed"));
      this.running.add(current);
      await current;
      this.running.delete(current);
      this.options.metrics.sweepDuration.observe({ sweep: name }, performance.now() - started);
      await this.options.clock.sleep(intervalMs);
    }
  }

  /** Expires due signals, tells the user's tabs, and logs `expired` for those never acked. */
  async expireDue(): Promise<void> {
    const now = this.options.clock.now();
    const expired = await this.options.outbox.expireDue(now);
    // The rows are expired now and no later sweep returns them: tell every tab before anything can fail.
    for (const row of expired) this.options.io.to(userRoom(row.user_id)).emit("signal_updated", { signal_id: row.id, status: "expired" });
    for (const row of expired) if (row.acked_at === null) this.options.attempts.recordExpiry(row, now);
  }

  /** Continues deliveries whose owner stopped before finishing them (another node, or this one before a restart). */
  async takeOverAbandoned(): Promise<void> {
    for (;;) {
      const now = this.options.clock.now();
      const claimed = await this.options.outbox.claimAbandoned(this.options.nodeId, now, this.options.leaseMs, TAKEOVER_BATCH);
      for (const row of claimed) {
        const firstAttempt = Math.min(row.delivery_attempts + 1, MAX_ATTEMPTS);
        if (this.options.resume({ row }, firstAttempt)) {
          this.options.logger.info({ signal_id: row.id, attempts: row.delivery_attempts }, "taking over delivery");
        }
      }
      if (claimed.length < TAKEOVER_BATCH || this.stopping) return;
    }
  }

  /** Offers failed, unexpired deliveries again to the sockets their users have on this node. */
  async replayFailedToLocalSockets(): Promise<void> {
    const rooms = this.options.io.of("/").adapter.rooms;
    const isLocalUser = (userId: string) => (rooms.get(userRoom(userId))?.size ?? 0) > 0;
    const due = await this.options.outbox.claimReplays(isLocalUser, this.options.clock.now(), REPLAY_INTERVAL_MS);
    for (const row of due) {
      this.options.track(this.options.attempts.replay(row, () => this.options.emitter.emit(row.user_id, toNotification(row), "local")));
    }
  }
}
