import type { Bar } from "./bar";
import { TIME_OF_DAY_VOLUME_MIN_SESSIONS, TIME_OF_DAY_VOLUME_SESSIONS } from "./wyckoff-constants";

const DAY_MS = 86_400_000;

/**
 * Intraday volume has a daily shape (heavy at the open and close, light at lunch), so a bar's volume is judged
 * against the bars at the same time of day on previous sessions rather than against the bars just before it
 * (issue 21). Time of day is the bar's open time in UTC; sessions are the days that had a bar in that slot.
 */
export class TimeOfDayVolume {
  /** Per slot (ms since UTC midnight), the volumes of the most recent sessions, oldest first. */
  private readonly slots = new Map<number, number[]>();
  private readonly intraday: boolean;

  /** `barMs` is the series' bar length; daily and longer bars, and sizes that do not divide a day, have no slots. */
  constructor(barMs: number) {
    this.intraday = barMs < DAY_MS && DAY_MS % barMs === 0;
  }

  /**
   * The bar's volume over the mean volume of its slot on the previous sessions, then remembers the bar.
   * Undefined (use the plain moving average) for non-intraday series, a slot with fewer than
   * TIME_OF_DAY_VOLUME_MIN_SESSIONS earlier sessions, or a slot whose mean is 0.
   */
  next(bar: Bar): number | undefined {
    if (!this.intraday) return undefined;
    const slot = ((bar.time % DAY_MS) + DAY_MS) % DAY_MS;
    const history = this.slots.get(slot) ?? [];
    let ratio: number | undefined;
    if (history.length >= TIME_OF_DAY_VOLUME_MIN_SESSIONS) {
      const mean = history.reduce((sum, volume) => sum + volume, 0) / history.length;
      if (mean > 0) ratio = bar.volume / mean;
    }
    history.push(bar.volume);
    if (history.length > TIME_OF_DAY_VOLUME_SESSIONS) history.shift();
    this.slots.set(slot, history);
    return ratio;
  }
}
