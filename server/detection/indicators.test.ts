import { describe, expect, it } from "vitest";
import type { Bar } from "./bar";
import { averageTrueRange, findPivots, isPivotHigh, isPivotLow, relativeVolume, trueRange } from "./indicators";

const bar = (high: number, low: number, close: number, volume = 100, open = close): Bar => ({ time: 0, open, high, low, close, volume });

describe("relativeVolume", () => {
  it("divides by the mean of the previous 20 bars, not including the bar itself", () => {
    const bars = [...Array.from({ length: 20 }, () => bar(2, 1, 1.5, 100)), bar(2, 1, 1.5, 250)];
    expect(relativeVolume(bars, 20)).toBe(2.5);
  });

  it("uses only the 20 bars right before", () => {
    // Volumes 1000, then 1..20, then 21: the mean of 1..20 is 10.5, so 21 / 10.5 = 2.
    const bars = [bar(2, 1, 1.5, 1000), ...Array.from({ length: 20 }, (_, i) => bar(2, 1, 1.5, i + 1)), bar(2, 1, 1.5, 21)];
    expect(relativeVolume(bars, 21)).toBe(2);
  });

  it("is undefined without 20 bars of history", () => {
    const bars = Array.from({ length: 20 }, () => bar(2, 1, 1.5));
    expect(relativeVolume(bars, 19)).toBeUndefined();
    expect(relativeVolume(bars, 20)).toBeUndefined();
  });
});

describe("trueRange and averageTrueRange", () => {
  it("widens the spread to a gap from the previous close", () => {
    const bars = [bar(10.5, 9.5, 10), bar(12, 11, 11.5), bar(9, 8.5, 8.75)];
    expect(trueRange(bars, 0)).toBe(1); // no previous close: the spread
    expect(trueRange(bars, 1)).toBe(2); // gap up: 12 − 10
    expect(trueRange(bars, 2)).toBe(3); // gap down: 11.5 − 8.5
  });

  it("averages the 14 true ranges ending at the bar", () => {
    // Closes stay at 10; spreads alternate 1 and 3, so true ranges alternate 1 and 3: ATR = 2.
    const bars = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? bar(10.5, 9.5, 10) : bar(11.5, 8.5, 10)));
    expect(averageTrueRange(bars, 14)).toBe(2);
    expect(averageTrueRange(bars, 15)).toBe(2);
    // The first true range has no previous close, so the window must start at bar 1 or later.
    expect(averageTrueRange(bars, 13)).toBeUndefined();
  });

  it("is exact on a window of different ranges", () => {
    // True ranges 1..14 (spread i, closes constant at 50) → mean 7.5.
    const bars = [bar(50.5, 49.5, 50), ...Array.from({ length: 14 }, (_, i) => bar(50 + (i + 1) / 2, 50 - (i + 1) / 2, 50))];
    expect(averageTrueRange(bars, 14)).toBe(7.5);
  });
});

describe("pivots", () => {
  const highsToBars = (highs: number[]) => highs.map((high) => bar(high, high - 1, high - 0.5));
  const lowsToBars = (lows: number[]) => lows.map((low) => bar(low + 1, low, low + 0.5));

  it("finds a high that out-tops 5 bars on each side", () => {
    const bars = highsToBars([1, 2, 3, 4, 5, 9, 5, 4, 3, 2, 1]);
    expect(isPivotHigh(bars, 5)).toBe(true);
    expect(isPivotHigh(bars, 4)).toBe(false);
    expect(findPivots(bars).highs).toEqual([5]);
  });

  it("is not confirmed until 5 bars after it", () => {
    const bars = highsToBars([1, 2, 3, 4, 5, 9, 5, 4, 3, 2]);
    expect(isPivotHigh(bars, 5)).toBe(false);
    expect(findPivots(bars).highs).toEqual([]);
  });

  it("takes the first bar of a flat top and rejects one with a higher bar within 5", () => {
    const flat = highsToBars([1, 2, 3, 4, 5, 9, 9, 4, 3, 2, 1, 0.5]);
    expect(findPivots(flat).highs).toEqual([5]);
    const shadowed = highsToBars([1, 2, 3, 4, 5, 9, 5, 4, 3, 10, 1, 1, 1, 1, 1, 1]);
    expect(isPivotHigh(shadowed, 5)).toBe(false);
    expect(findPivots(shadowed).highs).toEqual([9]);
  });

  it("mirrors for lows", () => {
    const bars = lowsToBars([9, 8, 7, 6, 5, 1, 5, 6, 7, 8, 9]);
    expect(isPivotLow(bars, 5)).toBe(true);
    expect(findPivots(bars).lows).toEqual([5]);
  });
});
