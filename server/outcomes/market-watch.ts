import type { Clock } from "../clock";
import { timeframeMs, type Bar } from "../detection/bar";
import { OUTCOME_TIMEOUT_MS } from "./outcome-rules";
import type { OutcomeStore, RecordedOutcome } from "./outcome-store";
import type { TimeoutSweep } from "./timeout-sweep";

export interface MarketWatchOptions {
  store: OutcomeStore;
  timeouts: TimeoutSweep;
  clock: Clock;
  announce: (recorded: RecordedOutcome[]) => void;
}

/**
 * Checks each closed bar of a symbol (any timeframe; from POST /api/bars and the demo feed) against the
 * symbol's open signals. The work per bar is one indexed update over that symbol's open signals; bars older
 * than the oldest open signal cost nothing, so replaying history stays cheap. State lives in the database.
 */
export class MarketWatch {
  constructor(private readonly o: MarketWatchOptions) {}

  /** Records every outcome these bars decide (oldest bar first) and announces the ones this node won. */
  async onBars(symbol: string, timeframe: string, bars: readonly Bar[]): Promise<RecordedOutcome[]> {
    const last = bars.at(-1);
    if (!last) return [];
    const frame = timeframeMs(timeframe);
    const recorded: RecordedOutcome[] = [];
    const earliest = await this.o.store.earliestOpen(symbol);
    if (earliest !== null) {
      let previous: Bar | null = null;
      for (const bar of bars) {
        const closeAt = bar.time + frame;
        if (closeAt > earliest) {
          // A bar past a signal's 24-hour mark does not count for it: time it out first, at the close before this bar.
          if (closeAt - OUTCOME_TIMEOUT_MS > earliest) {
            if (previous) await this.o.store.recordClose(symbol, previous.close, previous.time + frame);
            recorded.push(...(await this.o.timeouts.timeOutDue(closeAt - OUTCOME_TIMEOUT_MS - 1, symbol)));
          }
          const closed = { closeAt, high: bar.high, low: bar.low, close: bar.close };
          recorded.push(...(await this.o.store.recordLevelHits(symbol, closed, this.o.clock.now())));
        }
        previous = bar;
      }
    }
    await this.o.store.recordClose(symbol, last.close, last.time + frame);
    this.o.announce(recorded);
    return recorded;
  }
}
