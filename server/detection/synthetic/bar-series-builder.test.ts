import { describe, expect, it } from "vitest";
import { BarSchema } from "@/lib/pattern";
import type { Bar } from "../bar";
import { buildAccumulationWithSpring } from "./accumulation-scenario";
import { BarSeriesBuilder } from "./bar-series-builder";
import { buildDistributionWithUtad } from "./distribution-scenario";
import { findPivots } from "../indicators";

const valid = (bar: Bar) => BarSchema.safeParse({ t: bar.time, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume }).success;
const isCents = (price: number) => Math.abs(price * 100 - Math.round(price * 100)) < 1e-9;

describe("BarSeriesBuilder", () => {
  it("ends a leg exactly on its extreme, with no pivot before the turn", () => {
    const builder = new BarSeriesBuilder({ startPrice: 100, volumeNoise: 0 });
    builder.glideTo(101, 10);
    const top = builder.legTo(110, 7, { extremeVolume: 2 });
    const bottom = builder.legTo(100, 7);
    builder.legTo(106, 7);
    const bars = builder.build();
    expect(bars[top]?.high).toBe(110);
    expect(bars[top]?.volume).toBe(20_000);
    expect(bars[bottom]?.low).toBe(100);
    expect(findPivots(bars)).toEqual({ highs: [top], lows: [bottom] });
  });

  it("spaces bars by the timeframe from the start time", () => {
    const builder = new BarSeriesBuilder({ startTime: 1_000, timeframe: "1h" });
    builder.glideTo(105, 3);
    expect(builder.build().map((bar) => bar.time)).toEqual([1_000, 3_601_000, 7_201_000]);
  });

  it("draws valid, whole-cent bars, the same ones for the same seed", () => {
    for (const { bars } of [buildAccumulationWithSpring({ seed: 4 }), buildDistributionWithUtad({ seed: 4 })]) {
      for (const bar of bars) {
        expect(valid(bar), JSON.stringify(bar)).toBe(true);
        expect([bar.open, bar.high, bar.low, bar.close].every(isCents)).toBe(true);
      }
    }
    expect(buildAccumulationWithSpring({ seed: 4 }).bars).toEqual(buildAccumulationWithSpring({ seed: 4 }).bars);
    expect(buildAccumulationWithSpring({ seed: 4 }).bars).not.toEqual(buildAccumulationWithSpring({ seed: 5 }).bars);
  });

  it("keeps a random walk near its anchor", () => {
    const builder = new BarSeriesBuilder({ seed: 9, startPrice: 100 });
    builder.randomWalk(2000, { volatility: 0.003, anchor: 100, reversion: 0.02 });
    const closes = builder.build().map((bar) => bar.close);
    expect(Math.min(...closes)).toBeGreaterThan(80);
    expect(Math.max(...closes)).toBeLessThan(125);
    expect(builder.build().every(valid)).toBe(true);
  });
});
