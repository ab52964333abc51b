import { describe, expect, it } from "vitest";
import type { Pattern, PatternType } from "@/lib/pattern";
import type { Bar } from "./bar";
import { buildAccumulationWithSpring } from "./synthetic/accumulation-scenario";
import { BarSeriesBuilder } from "./synthetic/bar-series-builder";
import { detectPatterns } from "./wyckoff-detector";

/*
 * Issue 12 items 4–7: events judged against the range's extremes, breakdowns that respect the spring window,
 * LPS entries the market traded, and a score that does not favour one schematic or count volume twice.
 */

const META = { symbol: "AAPL", timeframe: "5m" };
const typesOf = (bars: Bar[]) => detectPatterns(bars, META).map((pattern) => pattern.pattern_type);
const ofType = (patterns: Pattern[], type: PatternType) => patterns.filter((pattern) => pattern.pattern_type === type);

/** An accumulation range opened by a heavy selling climax at 100, an AR to 110 and an ST at 101 (S ≈ 100.24). */
function accumulationRange(builder = new BarSeriesBuilder({ seed: 5, startPrice: 112 })) {
  builder.glideTo(103, 30);
  builder.bar({ high: 103.2, low: 100, close: 101.2, volume: 2.5 });
  builder.legTo(110, 7, { extremeVolume: 1.2 });
  builder.legTo(101, 7, { extremeVolume: 0.8 });
  builder.legTo(110, 7, { extremeVolume: 0.9 });
  return builder;
}

/** The mirror: a buying climax at 110, an automatic reaction to 100 and a secondary test at 109 (R ≈ 109.76). */
function distributionRange(builder = new BarSeriesBuilder({ seed: 6, startPrice: 98 })) {
  builder.glideTo(107, 30);
  builder.bar({ high: 110, low: 106.8, close: 108.7, volume: 2.5 });
  builder.legTo(100, 7, { extremeVolume: 1.2 });
  builder.legTo(109, 7, { extremeVolume: 0.8 });
  builder.legTo(100, 7, { extremeVolume: 0.9 });
  return builder;
}

describe("events against S_min and R_max (item 4)", () => {
  it("a higher low above the selling climax is no SPRING, however far below the mean S it goes", () => {
    const builder = accumulationRange();
    // 100.10: under S (the volume-weighted 100.24) but above S_min = 100.00, on light volume, closing back above S.
    builder.legTo(100.1, 7, { extremeVolume: 0.5, finalClose: 100.6 });
    builder.legTo(109, 7);
    builder.glideTo(105, 6);
    expect(typesOf(builder.build())).toEqual([]);
  });

  it("issue 21 §3: a one-tick undercut of S_min is no SPRING, nor a poke under 0.1 × ATR; a clear one is", () => {
    const oneTick = accumulationRange();
    oneTick.legTo(99.99, 7, { extremeVolume: 0.5, finalClose: 100.6 });
    oneTick.legTo(109, 7);
    oneTick.glideTo(105, 6);
    expect(typesOf(oneTick.build())).not.toContain("SPRING");

    // Five ticks is past the 2-tick floor but the legs here swing well over 0.5 a bar: 0.1 × ATR is larger.
    const shallow = accumulationRange();
    shallow.legTo(99.95, 7, { extremeVolume: 0.5, finalClose: 100.6 });
    shallow.legTo(109, 7);
    shallow.glideTo(105, 6);
    expect(typesOf(shallow.build())).not.toContain("SPRING");

    const clear = accumulationRange();
    clear.legTo(98.6, 7, { extremeVolume: 0.5, finalClose: 100.6 });
    clear.legTo(109, 7);
    clear.glideTo(105, 6);
    expect(typesOf(clear.build())).toContain("SPRING");
  });

  it("issue 21 §3: a one-tick poke above R_max on heavy volume is no UTAD", () => {
    const builder = distributionRange();
    builder.legTo(110.01, 7, { extremeVolume: 2.2, finalClose: 109.3 });
    builder.legTo(101, 7);
    builder.glideTo(104, 6);
    expect(typesOf(builder.build())).not.toContain("UTAD");
    const clear = distributionRange();
    clear.legTo(111.5, 7, { extremeVolume: 2.2, finalClose: 109.3 });
    clear.legTo(101, 7);
    clear.glideTo(104, 6);
    expect(typesOf(clear.build())).toContain("UTAD");
  });

  it("a high that does not exceed R_max is no UTAD, however far above the mean R it goes", () => {
    const builder = distributionRange();
    // 109.90: over R (the volume-weighted 109.76) but below R_max = 110.00, on heavy volume, closing back below R.
    builder.legTo(109.9, 7, { extremeVolume: 2.2, finalClose: 109.3 });
    builder.legTo(101, 7);
    builder.glideTo(104, 6);
    expect(typesOf(builder.build())).toEqual([]);
  });

  it("a range that only oscillates between its extremes yields no event at all", () => {
    const builder = accumulationRange();
    // Touches wander inside the clusters (100.00–101.00 and 109.20–110.00) on every kind of volume.
    const touches: Array<[number, number]> = [
      [100.3, 0.4],
      [109.4, 1.8],
      [100.05, 0.5],
      [109.9, 0.6],
      [100.6, 2.0],
      [109.2, 0.5],
      [100.15, 0.6],
      [109.95, 1.6],
    ];
    for (const [price, volume] of touches) builder.legTo(price, 6, { extremeVolume: volume });
    expect(typesOf(builder.build())).toEqual([]);
  });

  it("still finds a spring that undercuts S_min", () => {
    const builder = accumulationRange();
    builder.legTo(98.6, 7, { extremeVolume: 0.5, finalClose: 99.6 });
    builder.bar({ high: 101.2, low: 99.4, close: 101, volume: 1 });
    builder.glideTo(106, 5);
    const [spring] = ofType(detectPatterns(builder.build(), META), "SPRING");
    // Penetration from S_min: 1.4 % → stop 98.6 × (1 − 0.0025 − 0.25 × 0.014) = 98.0084 → 98.00 (away from the entry).
    expect(spring && [spring.entry_price, spring.stop_loss]).toEqual(["101.00", "98.00"]);
  });
});

describe("sign of weakness against a shakeout (item 5)", () => {
  it("a heavy bar closing decisively below S but reclaimed next bar is a shakeout: no SOW, and its TEST is seen", () => {
    const builder = accumulationRange();
    builder.legTo(100.8, 7, { extremeVolume: 0.8 });
    // Wide, heavy, down, closing at 98.20 (≤ S × 0.99) in the bottom quarter of its bar.
    const shakeout = builder.bar({ open: 100.9, high: 101, low: 97.5, close: 98.2, volume: 2.6 });
    builder.bar({ high: 101.2, low: 98.3, close: 101, volume: 1.2 });
    builder.legTo(103, 3);
    const test = builder.legTo(98.3, 3, { extremeVolume: 0.4, finalClose: 99.5 });
    builder.glideTo(104, 6);
    const bars = builder.build();
    const patterns = detectPatterns(bars, META);
    expect(ofType(patterns, "SOW")).toEqual([]);
    expect(ofType(patterns, "SPRING")).toEqual([]); // heavy: a shakeout is not a clean spring
    const [found] = ofType(patterns, "TEST");
    expect(found?.detected_at).toBe(new Date(bars[test]!.time + 300_000).toISOString());
    expect(bars[shakeout]!.close).toBeLessThanOrEqual(100.24 * 0.99);
  });

  it("a close just under S on a heavy wide bar is not yet a sign of weakness", () => {
    const builder = distributionRange();
    builder.legTo(101, 5);
    builder.bar({ open: 101, high: 101.1, low: 99.2, close: 99.5, volume: 2.6 }); // 99.5 > S × 0.99 ≈ 99.03
    builder.glideTo(99.4, 6);
    expect(typesOf(builder.build())).not.toContain("SOW");
  });

  it("a decisive breakdown that stays down is an SOW, confirmed when the spring window has passed", () => {
    const builder = distributionRange();
    builder.legTo(100.9, 5);
    const sowBar = builder.bar({ open: 100.9, high: 101, low: 97.4, close: 97.6, volume: 2.6 });
    for (let i = 0; i < 6; i++) builder.bar({ high: 98.2, low: 96.9, close: 97.2 - 0.1 * i, volume: 1 });
    const bars = builder.build();
    const [sow] = ofType(detectPatterns(bars, META), "SOW");
    // Window of 5 bars counting the SOW bar: confirmed at sowBar + 4, at that bar's close.
    expect(sow?.detected_at).toBe(new Date(bars[sowBar + 4]!.time + 300_000).toISOString());
    expect(sow?.entry_price).toBe(bars[sowBar + 4]!.close.toFixed(2));
  });
});

describe("LPS entry (item 6)", () => {
  it("enters at a price the confirming bar traded, not at R × 1.01 when the pullback held higher", () => {
    const { bars, marks } = buildAccumulationWithSpring({ seed: 11, shape: { sosClose: 114.5, lpsLow: 112.6 } });
    const [lps] = ofType(detectPatterns(bars, META), "LPS");
    const confirm = bars[marks.lpsConfirm ?? -1]!;
    expect(confirm.low).toBeGreaterThan(111.1);
    // Before: "111.10" (R × 1.01), a price never offered after the pullback: 6.6R shown, much less real.
    expect(lps?.entry_price).toBe(confirm.close.toFixed(2));
    expect(lps?.detected_at).toBe(new Date(confirm.time + 300_000).toISOString());
  });
});

describe("scores without bias (item 7)", () => {
  it("does not count volume in the clarity of an SOS or a TEST: volume_score already does", () => {
    const quality = (shape: Parameters<typeof buildAccumulationWithSpring>[0]) => {
      const patterns = detectPatterns(buildAccumulationWithSpring(shape).bars, META);
      return Object.fromEntries(patterns.map((pattern) => [pattern.pattern_type, pattern.pattern_quality]));
    };
    const base = quality({ seed: 11 });
    expect(quality({ seed: 11, shape: { sosVolume: 3.5 } }).SOS).toBe(base.SOS);
    expect(quality({ seed: 11, shape: { testVolume: 0.1 } }).TEST).toBe(base.TEST);
  });

  it("credits a distribution its BC → AR → ST, as an accumulation its SC → AR → ST", () => {
    const builder = distributionRange();
    builder.legTo(111.5, 7, { extremeVolume: 2, finalClose: 110.4 });
    builder.bar({ high: 110.5, low: 108.6, close: 108.9, volume: 1.1 });
    builder.glideTo(104, 6);
    const [utad] = ofType(detectPatterns(builder.build(), META), "UTAD");
    expect(utad?.phase_strength).toBe(1);
  });
});
