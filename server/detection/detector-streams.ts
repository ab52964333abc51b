import type { Pattern } from "@/lib/pattern";
import type { Bar } from "./bar";
import type { BarStore } from "./bar-store";
import { WyckoffDetector } from "./wyckoff-detector";

/**
 * Bars a detector is rebuilt from after a restart: the newest this many of the series. A longer series is
 * rebuilt from its tail, so events older than that tail could differ from an uninterrupted run (docs/market-feed.md).
 */
export const REBUILD_MAX_BARS = 20_000;

interface Series {
  detector: WyckoffDetector;
  /** Open time of the newest bar the detector has read. */
  lastTime: number;
}

/**
 * One streaming detector per symbol and timeframe, fed from the bar store rather than from a request: a series
 * gives the same events whether its bars arrive one per request, all in one, re-sent, across a restart, or
 * spread over several nodes (each node reads the bars the others stored before it reads its own).
 */
export class DetectorStreams {
  private readonly series = new Map<string, Series>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: BarStore) {}

  /**
   * Stores `bars`, then feeds the series' detector every stored bar it has not read yet, oldest first;
   * returns the patterns those bars confirmed. A bar not newer than the last one read is never read again.
   */
  advance(symbol: string, timeframe: string, bars: readonly Bar[]): Promise<Pattern[]> {
    const key = `${symbol}|${timeframe}`;
    return this.serially(key, async () => {
      await this.store.insert(symbol, timeframe, bars);
      const known = this.series.get(key);
      // A detector this process has not built yet starts from the stored series (a restart, or a new series).
      const series = known ?? { detector: new WyckoffDetector({ symbol, timeframe }), lastTime: Number.MIN_SAFE_INTEGER };
      const unread = known
        ? await this.store.after(symbol, timeframe, series.lastTime)
        : await this.store.after(symbol, timeframe, series.lastTime, REBUILD_MAX_BARS);
      this.series.set(key, series);
      const found: Pattern[] = [];
      for (const bar of unread) {
        found.push(...series.detector.push(bar));
        series.lastTime = bar.time;
      }
      return found;
    });
  }

  /**
   * Drops the series' detector, so the next advance rebuilds it from the store and hands back every event again:
   * for a caller that could not act on what advance returned (the pipeline failed), whose retry must not lose them.
   */
  forget(symbol: string, timeframe: string): void {
    this.series.delete(`${symbol}|${timeframe}`);
  }

  /** Runs `task` after every earlier task of the same series: one detector reads one bar at a time. */
  private serially<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
