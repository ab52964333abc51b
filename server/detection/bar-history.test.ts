import { describe, expect, it } from "vitest";
import type { Bar } from "./bar";
import { BAR_HISTORY_LIMIT, BarHistory } from "./bar-history";

const bar = (time: number, close = 100): Bar => ({ time, open: close, high: close + 1, low: close - 1, close, volume: 1000 });

describe("bar history", () => {
  it("keeps bars per symbol and timeframe, oldest first, replacing a bar with the same time", () => {
    const history = new BarHistory();
    history.record("AAPL", "5m", [bar(3), bar(1), bar(2)]);
    history.record("AAPL", "5m", [bar(2, 105)]);
    history.record("AAPL", "1m", [bar(9)]);
    expect(history.before("AAPL", "5m", 10).map((b) => [b.time, b.close])).toEqual([
      [1, 100],
      [2, 105],
      [3, 100],
    ]);
    expect(history.before("AAPL", "5m", 3).map((b) => b.time)).toEqual([1, 2]);
    expect(history.before("MSFT", "5m", 10)).toEqual([]);
  });

  it("keeps only the most recent bars", () => {
    const history = new BarHistory();
    history.record(
      "SPY",
      "1m",
      Array.from({ length: BAR_HISTORY_LIMIT + 20 }, (_, i) => bar(i)),
    );
    const kept = history.before("SPY", "1m", Number.MAX_SAFE_INTEGER, BAR_HISTORY_LIMIT + 100);
    expect(kept).toHaveLength(BAR_HISTORY_LIMIT);
    expect(kept[0]?.time).toBe(20);
  });
});
