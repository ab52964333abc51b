import type { Clock } from "../clock";
import type { DeliveryChannel, DeliveryOutcome } from "../db/schema";
import type { Logger } from "../logger";

export const SUMMARY_INTERVAL_MS = 1000;

/**
 * The delivery log's `info` view (issue 20): one line per second with the attempts of that second counted by
 * channel and outcome, instead of a line per attempt on the hot path (those are at `debug`). Nothing is
 * written in a second without attempts, and no timer runs then.
 */
export class DeliveryLogSummary {
  private counts = new Map<string, number>();
  private attempts = 0;
  private maxLatencyMs = 0;
  private windowOpen = false;

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt into the current second. */
  add(channel: DeliveryChannel, outcome: DeliveryOutcome, latencyMs: number): void {
    const key = `${channel}.${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.attempts += 1;
    if (latencyMs > this.maxLatencyMs) this.maxLatencyMs = latencyMs;
    if (this.windowOpen) return;
    this.windowOpen = true;
    void this.clock.sleep(SUMMARY_INTERVAL_MS).then(() => this.write());
  }

  /** Writes what the current second has counted so far (also at shutdown). */
  write(): void {
    this.windowOpen = false;
    if (this.attempts === 0) return;
    this.logger.info(
      { attempts: this.attempts, by_outcome: Object.fromEntries(this.counts), max_latency_ms: this.maxLatencyMs },
      "delivery attempts",
    );
    this.counts = new Map();
    this.attempts = 0;
    this.maxLatencyMs = 0;
  }
}
