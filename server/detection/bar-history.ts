import type { Bar } from "./bar";

/** Bars kept per symbol and timeframe: enough for a chart around any live signal. */
export const BAR_HISTORY_LIMIT = 500;

/**
 * Recent closed bars that went through the detector (POST /api/bars and the demo feed), in memory, so a
 * signal's chart shows the bars that produced it. A restart starts it empty: charts are a convenience,
 * and the signals themselves live in the database.
 */
export class BarHistory {
  private readonly series = new Map<string, Bar[]>();

  /** Adds bars (any order); a bar with the same open time replaces the one kept. */
  record(symbol: string, timeframe: string, bars: readonly Bar[]): void {
    if (bars.length === 0) return;
    const key = `${symbol}|${timeframe}`;
    const byTime = new Map((this.series.get(key) ?? []).map((bar) => [bar.time, bar]));
    for (const bar of bars) byTime.set(bar.time, bar);
    const merged = [...byTime.values()].sort((a, b) => a.time - b.time).slice(-BAR_HISTORY_LIMIT);
    this.series.set(key, merged);
  }

  /** Up to `limit` bars that opened before `until`, oldest first. */
  before(symbol: string, timeframe: string, until: number, limit = 200): Bar[] {
    const bars = this.series.get(`${symbol}|${timeframe}`) ?? [];
    return bars.filter((bar) => bar.time < until).slice(-limit);
  }
}
