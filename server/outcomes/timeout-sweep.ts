import { every, type Clock, type Repeating } from "../clock";
import type { Logger } from "../logger";
import type { OutcomeStore, RecordedOutcome } from "./outcome-store";
import { stateOf } from "./outcome-store";
import { timeoutOf } from "./watch-rules";

export interface TimeoutSweepOptions {
  store: OutcomeStore;
  clock: Clock;
  logger: Logger;
  announce: (recorded: RecordedOutcome[]) => void;
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 1000;
const TIMEOUT_BATCH = 500;

/**
 * The timeout (contract §8, issue 21 §2): open patterns whose deadline (50 of their bars, at least 24 hours) has
 * passed are decided at what they saw: `timeout` at the last close inside the window, `not_filled` or
 * `no_data`. Every node sweeps; the conditional delete lets one of them record each.
 */
export class TimeoutSweep {
  private job: Repeating | null = null;

  constructor(private readonly o: TimeoutSweepOptions) {}

  start(): void {
    this.job = every(this.o.clock, "timeout sweep", this.o.intervalMs ?? DEFAULT_INTERVAL_MS, () => this.sweep(), {
      logger: this.o.logger,
    });
  }

  async stop(): Promise<void> {
    await this.job?.stop();
  }

  /** Times out what is due by the clock's now; returns what this node recorded. */
  async sweep(): Promise<RecordedOutcome[]> {
    const now = this.o.clock.now();
    const recorded: RecordedOutcome[] = [];
    for (;;) {
      const due = await this.o.store.dueForTimeout(now, TIMEOUT_BATCH);
      for (const row of due) {
        const state = stateOf(row);
        // null: another node changed or decided it meanwhile; the next batch reads it again if still open.
        const done = await this.o.store.decide(row, state, timeoutOf(state), now);
        if (done) recorded.push(...done);
      }
      if (due.length < TIMEOUT_BATCH) break;
    }
    this.o.announce(recorded);
    return recorded;
  }
}
