import type { Bar } from "./bar";
import { averageTrueRange, isPivotHigh, isPivotLow, relativeVolume } from "./indicators";
import { TimeOfDayVolume } from "./time-of-day-volume";
import { RANGE_MAX_LOOKBACK_BARS } from "./wyckoff-constants";

/** A closed bar with its position in the stream and the indicators the event rules read. */
export interface AnalyzedBar extends Bar {
  /** Position in the stream, 0 for the first bar ever pushed. */
  index: number;
  /** Relative volume (this bar / mean of the 20 before); undefined until 20 bars of history exist. */
  relVolume: number | undefined;
  /**
   * Relative volume per time of day (this bar / mean of the same slot on previous sessions) on intraday series
   * with enough sessions, else relVolume. Range quality reads it.
   */
  sessionVolume: number | undefined;
  /** ATR of the 14 bars before this one, the "average spread" a wide or narrow bar is judged against. */
  atrBefore: number | undefined;
}

/** Bars kept after compaction: enough for the longest range search plus indicator windows. */
const KEEP_BARS = RANGE_MAX_LOOKBACK_BARS + 100;

/**
 * The detector's memory of recent bars, addressed by stream index. Old bars are dropped in batches so a
 * detector fed for days (the demo feed) holds a bounded amount of memory.
 */
export class BarWindow {
  private bars: AnalyzedBar[] = [];
  /** Stream index of bars[0]. */
  private offset = 0;
  /** Outlives compaction: a 1-minute series needs sessions of history, far more than the bars kept. */
  private readonly timeOfDay: TimeOfDayVolume;

  /** `barMs` is the series' bar length (timeframeMs); without it there is no time-of-day volume. */
  constructor(barMs = Number.POSITIVE_INFINITY) {
    this.timeOfDay = new TimeOfDayVolume(barMs);
  }

  /** Number of bars ever appended; also the index the next bar will get. */
  get count(): number {
    return this.offset + this.bars.length;
  }

  /** The newest bar, if any. */
  last(): AnalyzedBar | undefined {
    return this.bars[this.bars.length - 1];
  }

  /** The bar at stream index `index`, if still held. */
  at(index: number): AnalyzedBar | undefined {
    return index >= this.offset ? this.bars[index - this.offset] : undefined;
  }

  /** Bars with stream indices in [from, to), clipped to what is held. */
  slice(from: number, to: number): AnalyzedBar[] {
    return this.bars.slice(Math.max(0, from - this.offset), Math.max(0, to - this.offset));
  }

  /** Adds the next closed bar and computes its indicators. */
  append(bar: Bar): AnalyzedBar {
    const local = this.bars.length;
    const analyzed: AnalyzedBar = { ...bar, index: this.count, relVolume: undefined, sessionVolume: undefined, atrBefore: undefined };
    this.bars.push(analyzed);
    analyzed.relVolume = relativeVolume(this.bars, local);
    analyzed.sessionVolume = this.timeOfDay.next(bar) ?? analyzed.relVolume;
    analyzed.atrBefore = averageTrueRange(this.bars, local - 1);
    if (this.bars.length > 2 * KEEP_BARS) {
      const drop = this.bars.length - KEEP_BARS;
      this.bars = this.bars.slice(drop);
      this.offset += drop;
    }
    return analyzed;
  }

  /** Whether the bar at stream index `index` is a confirmed pivot high. */
  isPivotHigh(index: number): boolean {
    return index >= this.offset && isPivotHigh(this.bars, index - this.offset);
  }

  /** Whether the bar at stream index `index` is a confirmed pivot low. */
  isPivotLow(index: number): boolean {
    return index >= this.offset && isPivotLow(this.bars, index - this.offset);
  }
}
