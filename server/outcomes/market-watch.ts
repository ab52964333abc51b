import type { Clock } from "../clock";
import { timeframeMs, type Bar } from "../detection/bar";
import { stateOf as stateOfRow, type OutcomeStore, type RecordedOutcome, type WatchRow } from "./outcome-store";
import { applyBar, timeoutOf, type Decision, type WatchBar, type WatchState } from "./watch-rules";

export interface MarketWatchOptions {
  store: OutcomeStore;
  clock: Clock;
  announce: (recorded: RecordedOutcome[]) => void;
}

/** A change lost to another node is read again and applied again, at most this many times. */
const RACE_RETRIES = 5;

/**
 * Checks each closed bar of a symbol (from POST /api/bars and the demo feed) against the symbol's open
 * patterns: one row per pattern, whatever the number of users it went to. The rules are in watch-rules.ts;
 * state lives in the database, so any node may apply the next bar.
 */
export class MarketWatch {
  constructor(private readonly o: MarketWatchOptions) {}

  /** Applies these bars (oldest first) to every open pattern of the symbol; announces what this node decided. */
  async onBars(symbol: string, timeframe: string, bars: readonly Bar[]): Promise<RecordedOutcome[]> {
    const last = bars.at(-1);
    if (!last) return [];
    const frameMs = timeframeMs(timeframe);
    const watchBars: WatchBar[] = bars.map((bar) => ({ ...bar, frameMs }));
    const recorded: RecordedOutcome[] = [];
    // Only patterns approved by the last bar's open can be touched by these bars.
    for (const row of await this.o.store.openPatterns(symbol, last.time)) {
      recorded.push(...(await this.applyTo(row, watchBars)));
    }
    this.o.announce(recorded);
    return recorded;
  }

  /** Applies the bars to one pattern, again from a fresh read when another node changed it meanwhile. */
  private async applyTo(first: WatchRow, bars: readonly WatchBar[]): Promise<RecordedOutcome[]> {
    let row: WatchRow | undefined = first;
    for (let attempt = 0; row && attempt < RACE_RETRIES; attempt++) {
      const { state, decision, changed } = run(row, bars);
      if (decision) {
        const done = await this.o.store.decide(row, state, decision, this.o.clock.now());
        if (done) return done;
      } else if (!changed || (await this.o.store.advance(row, state))) {
        return [];
      }
      row = await this.o.store.openPattern(row.pattern_id);
    }
    return [];
  }
}

/** The bars' effect on one pattern: its new state, and the decision if one of them (or the deadline) made it. */
function run(row: WatchRow, bars: readonly WatchBar[]): { state: WatchState; decision: Decision | null; changed: boolean } {
  let state = stateOfRow(row);
  let changed = false;
  for (const bar of bars) {
    const effect = applyBar(state, bar);
    if (effect.kind === "skip") continue;
    // A bar closing after the deadline does not count: the pattern timed out first, at what it had seen.
    if (effect.kind === "late") return { state, decision: timeoutOf(state), changed: true };
    state = effect.state;
    changed = true;
    if (effect.decision) return { state, decision: effect.decision, changed };
  }
  return { state, decision: null, changed };
}
