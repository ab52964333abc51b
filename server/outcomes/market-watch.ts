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
    const open = (await this.o.store.openPatterns(symbol, last.time)).sort((a, b) => a.pattern_id.localeCompare(b.pattern_id));
    const lost: WatchRow[] = [];
    // Filled patterns these bars only moved on share one update per (last bar, close); the rest go one by one.
    const moved = new Map<string, { watchedTo: number; lastClose: string; ids: string[] }>();
    const single: WatchRow[] = [];
    for (const row of open) {
      const { state, decision, changed } = run(row, watchBars);
      if (!changed) continue;
      if (!decision && row.fill_price !== null && state.lastClose !== null) {
        const key = `${state.watchedTo}|${state.lastClose}`;
        const group = moved.get(key) ?? { watchedTo: state.watchedTo, lastClose: state.lastClose, ids: [] };
        group.ids.push(row.pattern_id);
        moved.set(key, group);
      } else {
        single.push(row);
      }
    }
    if (moved.size > 0 || single.length > 0) {
      // Every change of this batch in one transaction (one commit); a change another node made first is retried below.
      await this.o.store.batch(async (store) => {
        for (const group of moved.values()) await store.advanceFilled(group.ids, group.watchedTo, group.lastClose);
        for (const row of single) {
          const done = await this.applyOnce(store, row, watchBars);
          if (done === null) lost.push(row);
          else recorded.push(...done);
        }
      });
    }
    for (const row of lost) recorded.push(...(await this.retry(row, watchBars)));
    this.o.announce(recorded);
    return recorded;
  }

  /** Applies the bars to one pattern; null when another node changed or decided it first. */
  private async applyOnce(store: OutcomeStore, row: WatchRow, bars: readonly WatchBar[]): Promise<RecordedOutcome[] | null> {
    const { state, decision, changed } = run(row, bars);
    if (decision) return store.decide(row, state, decision, this.o.clock.now());
    if (!changed) return [];
    return (await store.advance(row, state)) ? [] : null;
  }

  /** Applies the bars again from a fresh read of a pattern another node changed meanwhile. */
  private async retry(first: WatchRow, bars: readonly WatchBar[]): Promise<RecordedOutcome[]> {
    let row = await this.o.store.openPattern(first.pattern_id);
    for (let attempt = 0; row && attempt < RACE_RETRIES; attempt++) {
      const done = await this.applyOnce(this.o.store, row, bars);
      if (done !== null) return done;
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
