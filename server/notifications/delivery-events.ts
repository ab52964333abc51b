import type { DeliveryOutcome } from "../db/schema";
import type { Logger } from "../logger";
import type { SignalRow } from "../pipeline/signal-store";

/** One socket attempt that has settled (first attempts, retries and replays alike). */
export interface AttemptSettledEvent {
  signal: SignalRow;
  attempt: number;
  outcome: DeliveryOutcome;
  /** True when this was the 4th failed attempt: the delivery is now `failed`. */
  final: boolean;
  /** True for a replay of the outbox (on connect, or the periodic one to local sockets). */
  replay: boolean;
  at: number;
}

type Listener<T> = (event: T) => void;

/**
 * The seam for whoever must react to socket deliveries without touching the delivery core: escalation to
 * Web Push and webhooks subscribes through DeliveryService's `hooks.attemptEnded` (`final` marks the 4th
 * failure, contract §4 `failed`).
 *
 * Listeners run synchronously after the attempt is booked and must not block (start async work and return);
 * one that throws is logged and never disturbs delivery. The signal row is the one the attempt emitted:
 * check acked/expired/status again before acting later.
 */
export class DeliveryEvents {
  private readonly settled = new Set<Listener<AttemptSettledEvent>>();

  constructor(private readonly logger: Logger) {}

  /** Every settled attempt; returns an unsubscribe function. */
  onAttemptSettled(listener: Listener<AttemptSettledEvent>): () => void {
    this.settled.add(listener);
    return () => this.settled.delete(listener);
  }

  /** Called by the delivery core only. */
  attemptSettled(event: AttemptSettledEvent): void {
    this.notify(this.settled, event);
  }

  private notify(listeners: Set<Listener<AttemptSettledEvent>>, event: AttemptSettledEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, signal_id: event.signal.id }, "a delivery listener failed");
      }
    }
  }
}
