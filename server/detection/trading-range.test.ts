import { describe, expect, it } from "vitest";
import { BarSeriesBuilder } from "./synthetic/bar-series-builder";
import { Decimal } from "@/lib/decimal";
import {
  acceptsTouch,
  detectTradingRange,
  rangeQuality,
  volumeWeightedMean,
  withTouch,
  type Touch,
  type TradingRange,
} from "./trading-range";

const touch = (index: number, price: number, volume: number, sessionVolume?: number): Touch => ({
  index,
  price,
  volume,
  relVolume: undefined,
  sessionVolume,
});

/** Decline into S1, up to R1, down to S2, up to R2, then drift inside: touch prices and volumes exactly as given. */
function twoTouchRange(touches: { s1: number; r1: number; s2: number; r2: number }, volumes = { s1: 2, r1: 1.2, s2: 1, r2: 0.9 }) {
  const builder = new BarSeriesBuilder({ seed: 3, baseVolume: 1000, volumeNoise: 0, startPrice: 125 });
  builder.glideTo(touches.s1 * 1.03, 30);
  builder.bar({ high: builder.lastClose * 1.002, low: touches.s1, close: touches.s1 * 1.012, volume: volumes.s1 });
  builder.legTo(touches.r1, 7, { extremeVolume: volumes.r1 });
  builder.legTo(touches.s2, 7, { extremeVolume: volumes.s2 });
  builder.legTo(touches.r2, 7, { extremeVolume: volumes.r2 });
  builder.glideTo((touches.s2 + touches.r2) / 2, 6);
  return builder.build();
}

describe("volumeWeightedMean", () => {
  it("weights each touch by its volume, exactly", () => {
    expect(volumeWeightedMean([touch(0, 100, 2000), touch(9, 101, 1000)]).toFixed(6)).toBe("100.333333");
    expect(volumeWeightedMean([touch(0, 110, 1), touch(9, 109, 3)]).toString()).toBe("109.25");
  });
});

describe("detectTradingRange", () => {
  it("finds S and R as the volume-weighted means of the clustered pivots", () => {
    const bars = twoTouchRange({ s1: 100, r1: 110, s2: 100.8, r2: 109.5 });
    const range = detectTradingRange(bars);
    expect(range).toBeDefined();
    // S = (100 × 2000 + 100.8 × 1000) / 3000; R = (110 × 1200 + 109.5 × 900) / 2100.
    expect(range!.support.toFixed(6)).toBe("100.266667");
    expect(range!.resistance.toFixed(6)).toBe("109.785714");
    expect(range!.supportTouches.map((t) => t.index)).toEqual([30, 44]);
    expect(range!.resistanceTouches.map((t) => t.index)).toEqual([37, 51]);
    expect(range!.startIndex).toBe(30);
  });

  it("is not there until the second touch of each side is a confirmed pivot", () => {
    const bars = twoTouchRange({ s1: 100, r1: 110, s2: 100.8, r2: 109.5 });
    // The second R touch is bar 51; it is confirmed as a pivot at bar 56.
    expect(detectTradingRange(bars.slice(0, 56))).toBeUndefined();
    expect(detectTradingRange(bars.slice(0, 57))).toBeDefined();
  });

  it("rejects touches more than 2 % apart", () => {
    // 100 and 102.5 are 2.5 % apart: no support cluster of two.
    expect(detectTradingRange(twoTouchRange({ s1: 100, r1: 110, s2: 102.5, r2: 110 }))).toBeUndefined();
  });

  it("rejects a range narrower than 3 %", () => {
    expect(detectTradingRange(twoTouchRange({ s1: 100, r1: 102.9, s2: 100, r2: 102.9 }))).toBeUndefined();
    expect(detectTradingRange(twoTouchRange({ s1: 100, r1: 103.2, s2: 100, r2: 103.2 }))).toBeDefined();
  });

  it("does not take a rising trend for a range", () => {
    // Swings up: lows 100, 101.5, 103 and highs 104, 105.5, 107 — the low cluster is all at the start,
    // the high cluster all at the end, so the touches never interleave.
    const builder = new BarSeriesBuilder({ seed: 5, volumeNoise: 0, startPrice: 110 });
    builder.glideTo(103, 30);
    builder.legTo(100, 3);
    for (const [high, low] of [
      [104, 101.5],
      [105.5, 103],
      [107, 104.5],
    ] as const) {
      builder.legTo(high, 7);
      builder.legTo(low, 7);
    }
    builder.glideTo(108, 6);
    expect(detectTradingRange(builder.build())).toBeUndefined();
  });
});

describe("touches after the range is found", () => {
  const range: TradingRange = {
    support: new Decimal(100),
    resistance: new Decimal(110),
    supportTouches: [touch(0, 100, 1000), touch(12, 100, 1000)],
    resistanceTouches: [touch(6, 110, 1000), touch(18, 110, 1000)],
    startIndex: 0,
  };

  it("accepts a pivot inside the range within the cluster, and moves S by volume", () => {
    expect(acceptsTouch(range, "support", touch(30, 101, 2000))).toBe(true);
    const moved = withTouch(range, "support", touch(30, 101, 2000));
    expect(moved.support.toString()).toBe("100.5"); // (100 × 1000 × 2 + 101 × 2000) / 4000
    expect(moved.supportTouches).toHaveLength(3);
  });

  it("does not count a pierce of S (a spring) or a pivot beyond the cluster as a touch", () => {
    expect(acceptsTouch(range, "support", touch(30, 99.5, 1000))).toBe(false);
    expect(acceptsTouch(range, "support", touch(30, 102.5, 1000))).toBe(false);
    expect(acceptsTouch(range, "resistance", touch(30, 110.5, 1000))).toBe(false);
    expect(acceptsTouch(range, "resistance", touch(30, 109, 1000))).toBe(true);
  });
});

describe("rangeQuality", () => {
  it("scores length, touches, tightness and falling volume with exact weights", () => {
    const range: TradingRange = {
      support: new Decimal(100),
      resistance: new Decimal(110),
      supportTouches: [touch(0, 100, 2000), touch(12, 101, 1000)],
      resistanceTouches: [touch(6, 110, 1500), touch(18, 110, 1500)],
      startIndex: 0,
    };
    // length 20/40 → 0.5 × 0.3; touches 4/8 → 0.5 × 0.25; tightness (0.5 + 1) / 2 × 0.25;
    // falling volume on the event's side only: S fell → 1 × 0.2, R did not → 0 × 0.2.
    expect(rangeQuality(range, 20, "support")).toBeCloseTo(0.15 + 0.125 + 0.1875 + 0.2, 10);
    expect(rangeQuality(range, 20, "resistance")).toBeCloseTo(0.15 + 0.125 + 0.1875, 10);
  });

  it("compares touches by relative volume per time of day, not by raw volume (issue 21)", () => {
    // The second support test traded 3× the shares, but at the open against a lunch-hour first test: relative to
    // its hour it was lighter (0.8 against 1.4), so volume fell. On resistance the raw volume fell but the relative rose.
    const range: TradingRange = {
      support: new Decimal(100),
      resistance: new Decimal(110),
      supportTouches: [touch(0, 100, 1000, 1.4), touch(12, 100, 3000, 0.8)],
      resistanceTouches: [touch(6, 110, 3000, 0.7), touch(18, 110, 1000, 1.2)],
      startIndex: 0,
    };
    const base = 0.15 + 0.125 + 0.25;
    expect(rangeQuality(range, 20, "support")).toBeCloseTo(base + 0.2, 10);
    expect(rangeQuality(range, 20, "resistance")).toBeCloseTo(base, 10);
  });

  it("gives a long, well-tested, tight range with falling volume full marks", () => {
    const touches = (price: number, first: number) => Array.from({ length: 4 }, (_, i) => touch(first + 12 * i, price, 4000 - 1000 * i));
    const range: TradingRange = {
      support: new Decimal(100),
      resistance: new Decimal(110),
      supportTouches: touches(100, 0),
      resistanceTouches: touches(110, 6),
      startIndex: 0,
    };
    expect(rangeQuality(range, 60, "support")).toBe(1);
    expect(rangeQuality(range, 60, "resistance")).toBe(1);
  });
});
