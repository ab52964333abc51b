import { toMoneyString } from "@/lib/decimal";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import { OUTCOME_TIMEOUT_MS, rHundredthsAt } from "./outcome-rules";
import type { OutcomeStore, RecordedOutcome } from "./outcome-store";

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
 * The 24-hour timeout (SPEC §8): open signals approved 24 hours ago get `timeout` with the latest close's
 * distance from entry in R. Every node sweeps; the conditional update lets one of them record each.
 */
export class TimeoutSweep {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: TimeoutSweepOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(
          () => undefined,
          (error: unknown) => this.o.logger.error({ err: error }, "timeout sweep failed"),
        )
        .finally(() => (this.running = null));
    }, this.o.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Times out what is due by the clock's now; returns what this node recorded. */
  async sweep(): Promise<RecordedOutcome[]> {
    const recorded = await this.timeOutDue(this.o.clock.now() - OUTCOME_TIMEOUT_MS, null);
    this.o.announce(recorded);
    return recorded;
  }

  /**
   * Records `timeout` for open signals approved at or before `approvedBy` (of one symbol, or all), at their
   * 24-hour mark, measured at the symbol's latest close (the entry when no bar was ever seen: 0 R).
   */
  async timeOutDue(approvedBy: number, symbol: string | null): Promise<RecordedOutcome[]> {
    const recorded: RecordedOutcome[] = [];
    for (;;) {
      const due = await this.o.store.dueForTimeout(approvedBy, symbol, TIMEOUT_BATCH);
      if (due.length === 0) return recorded;
      const closes = await this.o.store.latestCloses([...new Set(due.map((row) => row.symbol))]);
      for (const row of due) {
        const close = closes.get(row.symbol) ?? row.entry_price;
        const at = (row.approved_at ?? 0) + OUTCOME_TIMEOUT_MS;
        const done = await this.o.store.recordTimeout(
          row.id,
          toMoneyString(close),
          at,
          rHundredthsAt(close, row.entry_price, row.stop_loss),
        );
        if (done) recorded.push(done);
      }
      // Every row of the batch now has an outcome (ours or another node's), so the next batch is new rows.
      if (due.length < TIMEOUT_BATCH) return recorded;
    }
  }
}
