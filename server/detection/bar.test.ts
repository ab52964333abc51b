import { describe, expect, it } from "vitest";
import { barCloseTime, normalizeBars, timeframeMs } from "./bar";

describe("timeframeMs", () => {
  it("converts every unit", () => {
    expect(timeframeMs("30s")).toBe(30_000);
    expect(timeframeMs("5m")).toBe(300_000);
    expect(timeframeMs("1h")).toBe(3_600_000);
    expect(timeframeMs("4h")).toBe(14_400_000);
    expect(timeframeMs("1d")).toBe(86_400_000);
    expect(timeframeMs("1w")).toBe(604_800_000);
  });

  it("rejects what is not a bar size", () => {
    for (const bad of ["", "5", "m", "0m", "5y", "5 m", "05m", "15min"]) {
      expect(() => timeframeMs(bad), bad).toThrow(RangeError);
    }
  });
});

describe("normalizeBars", () => {
  it("reads ISO and epoch-ms times and renames the fields", () => {
    const bars = normalizeBars(
      [
        { t: "2026-01-23T10:00:00Z", o: 10, h: 11, l: 9, c: 10.5, v: 100 },
        { t: Date.UTC(2026, 0, 23, 10, 5), o: 10.5, h: 12, l: 10, c: 11, v: 200 },
      ],
      "5m",
    );
    expect(bars).toEqual([
      { time: Date.UTC(2026, 0, 23, 10, 0), open: 10, high: 11, low: 9, close: 10.5, volume: 100 },
      { time: Date.UTC(2026, 0, 23, 10, 5), open: 10.5, high: 12, low: 10, close: 11, volume: 200 },
    ]);
    expect(new Date(barCloseTime(bars[1]!, "5m")).toISOString()).toBe("2026-01-23T10:10:00.000Z");
  });

  it("sorts oldest first and lets a re-sent bar replace the earlier one", () => {
    const bars = normalizeBars(
      [
        { t: 3_000_000, o: 3, h: 3, l: 3, c: 3, v: 3 },
        { t: 1_000_000, o: 1, h: 1, l: 1, c: 1, v: 1 },
        { t: 3_000_000, o: 4, h: 4, l: 4, c: 4, v: 4 },
      ],
      "1m",
    );
    expect(bars.map((bar) => [bar.time, bar.close])).toEqual([
      [1_000_000, 1],
      [3_000_000, 4],
    ]);
  });

  it("rejects an unknown timeframe", () => {
    expect(() => normalizeBars([], "5x")).toThrow(/timeframe/);
  });
});
