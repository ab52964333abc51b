import { describe, expect, it } from "vitest";
import { PatternSchema, type Pattern, type PatternType } from "@/lib/pattern";
import type { DetectedPattern } from "./pattern-message";
import type { Bar } from "./bar";
import { buildAccumulationWithSpring, type AccumulationShape } from "./synthetic/accumulation-scenario";
import { buildDistributionWithUtad, type DistributionShape } from "./synthetic/distribution-scenario";
import { relativeVolume } from "./indicators";
import { pricesFollowDirection } from "./pattern-message";
import { detectPatterns, WyckoffDetector } from "./wyckoff-detector";

/*
 * Every series here has S = 100.00 and R = 110.00 exactly: each support touch is a pivot low at 100.00
 * and each resistance touch a pivot high at 110.00, so their volume-weighted means are exact whatever
 * the volumes. Expected prices follow from wyckoff.md's table by hand, as written next to each one.
 */

const META = { symbol: "AAPL", timeframe: "5m" };
const FIVE_MINUTES = 300_000;

function accumulation(shape: Partial<AccumulationShape> = {}) {
  return buildAccumulationWithSpring({ seed: 11, shape });
}
function distribution(shape: Partial<DistributionShape> = {}) {
  return buildDistributionWithUtad({ seed: 12, shape });
}
function ofType(patterns: DetectedPattern[], type: PatternType): DetectedPattern[] {
  return patterns.filter((pattern) => pattern.pattern_type === type);
}
function closeTimeOf(bars: Bar[], index: number | undefined): string {
  const bar = bars[index ?? -1];
  if (!bar) throw new Error(`no bar ${index}`);
  return new Date(bar.time + FIVE_MINUTES).toISOString();
}
function ratioOf(bars: Bar[], index: number | undefined): number {
  return Math.round((relativeVolume(bars, index ?? -1) ?? Number.NaN) * 100) / 100;
}
function prices(pattern: Pattern | undefined): [string, string, string] | undefined {
  return pattern && [pattern.entry_price, pattern.stop_loss, pattern.target_price];
}

describe("accumulation events", () => {
  const { bars, marks } = accumulation();
  const patterns = detectPatterns(bars, META);

  it("draws the structure the expectations below assume", () => {
    expect(bars[marks.climax]?.low).toBe(100);
    expect(bars[marks.springBar]?.low).toBe(98.5);
    expect(bars[marks.reclaim ?? -1]?.close).toBe(100.8);
    expect(bars[marks.test ?? -1]?.low).toBe(99.49);
    expect(bars[marks.sos ?? -1]?.close).toBe(112.75);
    // The range starts at the selling climax; the SOS comes 43 bars later, so k = 3.
    expect((marks.sos ?? 0) - marks.climax).toBe(43);
    expect(patterns.map((pattern) => pattern.pattern_type)).toEqual(["SPRING", "TEST", "SOS", "LPS"]);
  });

  it("SPRING: entry = reclaim close, stop below the spring low with a penetration buffer, target R", () => {
    const [spring] = ofType(patterns, "SPRING");
    // Penetration (100 − 98.5) / 100 = 1.5 % → buffer 0.25 % + 0.25 × 1.5 % = 0.625 % → 98.5 × 0.99375 = 97.884375.
    expect(prices(spring)).toEqual(["100.80", "97.88", "110.00"]);
    expect(spring?.detected_at).toBe(closeTimeOf(bars, marks.reclaim));
    expect(spring?.volume_ratio).toBe(ratioOf(bars, marks.springBar));
    expect(spring?.volume_ratio).toBeLessThanOrEqual(0.7);
    // Selling climax, automatic rally and secondary test all came first.
    expect(spring?.phase_strength).toBe(1);
  });

  it("TEST: entry S × 1.005 as an order valid 5 bars, stop spring low × 0.995, target R", () => {
    const [test] = ofType(patterns, "TEST");
    // 100 × 1.005 = 100.5; 98.5 × 0.995 = 98.0075 → 98.00 (issue 21: away from the entry, not half up).
    expect(prices(test)).toEqual(["100.50", "98.00", "110.00"]);
    // The confirming bar closed at S × 1.004, under the entry: a buy stop that fills once price rises through 100.50.
    expect(test?.entry_order).toEqual({ type: "stop", price: "100.50", valid_bars: 5 });
    expect(test?.detected_at).toBe(closeTimeOf(bars, marks.test));
    expect(test?.volume_ratio).toBe(ratioOf(bars, marks.test));
  });

  it("SOS: confirmed inside the 5-bar window by its LPS, entering at that close; stop R × 0.95, target R + 3 × (R − S)", () => {
    const [sos] = ofType(patterns, "SOS");
    // Issue 21 §3: the breakout bar (close 112.75) is only a candidate until 5 bars pass without a close back below R;
    // the LPS that holds above R settles it sooner, and both are reported at that bar's close.
    expect(prices(sos)).toEqual([bars[marks.lpsConfirm ?? -1]?.close.toFixed(2), "104.50", "140.00"]);
    expect(sos?.detected_at).toBe(closeTimeOf(bars, marks.lpsConfirm));
    expect(sos?.volume_ratio).toBe(ratioOf(bars, marks.sos));
    expect(sos?.volume_ratio).toBeGreaterThanOrEqual(1.5);
  });

  it("LPS: entry = the confirming close (issue 21 §2: not R × 1.01 inside that bar), stop R × 0.97, target with the SOS's k", () => {
    const [lps] = ofType(patterns, "LPS");
    expect(prices(lps)).toEqual([bars[marks.lpsConfirm ?? -1]?.close.toFixed(2), "106.70", "140.00"]);
    expect(lps).not.toHaveProperty("entry_order");
    expect(lps?.detected_at).toBe(closeTimeOf(bars, marks.lpsConfirm));
    expect(lps?.volume_ratio).toBe(ratioOf(bars, marks.lpsPullback));
  });

  it("projects with the k of a shorter range", () => {
    const short = accumulation({ legBars: 6 });
    // Six-bar legs: the SOS comes 38 bars after the climax → k = 2.5 → 110 + 2.5 × 10.
    expect((short.marks.sos ?? 0) - short.marks.climax).toBe(38);
    const [sos] = ofType(detectPatterns(short.bars, META), "SOS");
    expect(prices(sos)).toEqual([short.bars[short.marks.lpsConfirm ?? -1]?.close.toFixed(2), "104.50", "135.00"]);
  });

  it("confirms a spring that closes back above S on its own bar at that bar", () => {
    const series = accumulation({ reclaimAfter: 0, reclaimClose: 100.6 });
    const [spring] = ofType(detectPatterns(series.bars, META), "SPRING");
    expect(prices(spring)).toEqual(["100.60", "97.88", "110.00"]);
    expect(spring?.detected_at).toBe(closeTimeOf(series.bars, series.marks.springBar));
  });

  it("confirms a spring reclaimed on the 4th bar below S, at the reclaim bar", () => {
    const series = accumulation({ reclaimAfter: 3 });
    expect(series.marks.reclaim).toBe(series.marks.springBar + 3);
    const [spring] = ofType(detectPatterns(series.bars, META), "SPRING");
    expect(prices(spring)).toEqual(["100.80", "97.88", "110.00"]);
    expect(spring?.detected_at).toBe(closeTimeOf(series.bars, series.marks.reclaim));
  });
});

describe("distribution events", () => {
  const { bars, marks } = distribution();
  const patterns = detectPatterns(bars, META);

  it("draws the structure the expectations below assume", () => {
    expect(bars[marks.climax]?.high).toBe(110);
    expect(bars[marks.utadBar]?.high).toBe(111.65);
    expect(bars[marks.utadReturn]?.close).toBe(109.45);
    expect(bars[marks.sow ?? -1]?.close).toBe(98.5);
    expect(bars[marks.lpsyRally ?? -1]?.high).toBe(99.5);
    // The SOW comes 36 bars after the buying climax, so k = 2.5.
    expect((marks.sow ?? 0) - marks.climax).toBe(36);
    expect(patterns.map((pattern) => pattern.pattern_type)).toEqual(["UTAD", "SOW", "LPSY"]);
  });

  it("UTAD: entry = close back below R, stop above the UTAD high, target S", () => {
    const [utad] = ofType(patterns, "UTAD");
    // Overshoot 1.5 % → buffer 0.625 % → 111.65 × 1.00625 = 112.3478125.
    expect(prices(utad)).toEqual(["109.45", "112.35", "100.00"]);
    expect(utad?.detected_at).toBe(closeTimeOf(bars, marks.utadReturn));
    expect(utad?.volume_ratio).toBe(ratioOf(bars, marks.utadBar));
    expect(utad?.volume_ratio).toBeGreaterThanOrEqual(1.2);
    expect(utad?.phase_strength).toBe(1);
  });

  it("SOW: confirmed once the breakdown is not reclaimed; entry = that bar's close, stop S × 1.05, target S − 2.5 × (R − S)", () => {
    const [sow] = ofType(patterns, "SOW");
    // Issue 12 item 5: a breakdown bar is only an SOW once it is not reclaimed within the spring window. Here the
    // LPSY rally fails below S two bars later (98.00), which settles it; before, the SOW was reported at 98.50 on its own bar.
    expect(prices(sow)).toEqual(["98.00", "105.00", "75.00"]);
    expect(sow?.detected_at).toBe(closeTimeOf(bars, marks.lpsyConfirm));
    expect(sow?.volume_ratio).toBe(ratioOf(bars, marks.sow));
  });

  it("LPSY: entry = the confirming close, stop above the rally high, target with the SOW's k", () => {
    const [lpsy] = ofType(patterns, "LPSY");
    // 99.5 × 1.005 = 99.9975 → 100.00; the bar traded S × 0.99 = 99.00 but closed at 98.00.
    expect(prices(lpsy)).toEqual(["98.00", "100.00", "75.00"]);
    expect(lpsy?.detected_at).toBe(closeTimeOf(bars, marks.lpsyConfirm));
    expect(lpsy?.volume_ratio).toBe(ratioOf(bars, marks.lpsyRally));
    expect(lpsy?.volume_ratio).toBeLessThanOrEqual(0.8);
  });

  it("confirms a UTAD that stays above R for two more bars at its return bar", () => {
    const series = distribution({ returnAfter: 2 });
    const [utad] = ofType(detectPatterns(series.bars, META), "UTAD");
    expect(prices(utad)).toEqual(["109.45", "112.35", "100.00"]);
    expect(utad?.detected_at).toBe(closeTimeOf(series.bars, series.marks.utadReturn));
  });
});

describe("near misses", () => {
  const typesOf = (bars: Bar[]) => detectPatterns(bars, META).map((pattern) => pattern.pattern_type);

  it("a spring that never closes back above S is no spring (and has no test)", () => {
    const { bars, marks } = accumulation({ reclaims: false });
    expect(bars[marks.springBar]?.low).toBe(98.5);
    expect(bars.slice(marks.springBar).some((bar) => bar.high > 100)).toBe(true); // it pokes back up…
    expect(bars.slice(marks.springBar).every((bar) => bar.close < 100)).toBe(true); // …but never closes above
    expect(typesOf(bars)).not.toContain("SPRING");
    expect(typesOf(bars)).not.toContain("TEST");
  });

  it("a dip more than 5 % below S is a breakdown, not a spring", () => {
    const types = typesOf(accumulation({ springLow: 94.8 }).bars);
    expect(types).not.toContain("SPRING");
    expect(types).not.toContain("TEST");
  });

  it("a heavy-volume spring is a shakeout: no SPRING, but its TEST is reported", () => {
    const { bars, marks } = accumulation({ springVolume: 1.6 });
    expect(relativeVolume(bars, marks.springBar)).toBeGreaterThan(0.7);
    const patterns = detectPatterns(bars, META);
    expect(ofType(patterns, "SPRING")).toEqual([]);
    expect(prices(ofType(patterns, "TEST")[0])).toEqual(["100.50", "98.00", "110.00"]);
  });

  it("a breakout on light volume is no SOS (and has no LPS)", () => {
    const { bars, marks } = accumulation({ sosVolume: 0.9 });
    expect(bars[marks.sos ?? -1]?.close).toBeGreaterThanOrEqual(110 * 1.01);
    const types = typesOf(bars);
    expect(types).toContain("SPRING");
    expect(types).not.toContain("SOS");
    expect(types).not.toContain("LPS");
  });

  it("a heavy bar that closes less than 1 % above R is no SOS", () => {
    expect(typesOf(accumulation({ sosClose: 110.9 }).bars)).not.toContain("SOS");
  });

  it("a pullback that closes back below R within 5 bars makes the breakout an upthrust: no SOS, no LPS (issue 21 §3)", () => {
    const types = typesOf(accumulation({ lpsLow: 107.5 }).bars);
    expect(types).not.toContain("SOS");
    expect(types).not.toContain("LPS");
    expect(types).toContain("UTAD");
  });

  it("an upthrust on ordinary volume is no UTAD", () => {
    const types = typesOf(distribution({ utadVolume: 0.9 }).bars);
    expect(types).not.toContain("UTAD");
    expect(types).toContain("SOW");
  });

  it("a breakdown on light volume is no SOW (and has no LPSY)", () => {
    const types = typesOf(distribution({ sowVolume: 0.9 }).bars);
    expect(types).toContain("UTAD");
    expect(types).not.toContain("SOW");
    expect(types).not.toContain("LPSY");
  });

  it("a range too short to have confirmed pivot touches has no events at all", () => {
    // The same accumulation squeezed into two-bar swings: spring, test, SOS and LPS bars are all there,
    // but no second touch of S or R is ever a pivot, so there is no range to trade.
    const squeezed = accumulation({ legBars: 2 });
    expect(squeezed.bars[squeezed.marks.sos ?? -1]?.close).toBe(112.75);
    expect(typesOf(squeezed.bars)).toEqual([]);
  });
});

describe("streaming", () => {
  const series = [accumulation(), distribution()];

  it("push() bar by bar gives exactly detectPatterns(), each event once", () => {
    for (const { bars } of series) {
      const detector = new WyckoffDetector(META);
      const streamed = bars.flatMap((bar) => detector.push(bar));
      expect(streamed).toEqual(detectPatterns(bars, META));
      const keys = streamed.map((pattern) => `${pattern.pattern_type}@${pattern.detected_at}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("never repaints: what a prefix of the series found is exactly what the full run found by then", () => {
    for (const { bars } of series) {
      const full = detectPatterns(bars, META);
      for (let end = 1; end <= bars.length; end++) {
        const cutoff = closeTimeOf(bars, end - 1);
        expect(detectPatterns(bars.slice(0, end), META)).toEqual(full.filter((pattern) => pattern.detected_at <= cutoff));
      }
    }
  });

  it("ignores a bar that is not newer than the last one", () => {
    const { bars } = accumulation();
    const detector = new WyckoffDetector(META);
    const found: Pattern[] = [];
    for (const bar of bars) {
      found.push(...detector.push(bar));
      expect(detector.push(bar)).toEqual([]);
      expect(detector.push({ ...bar, time: bar.time - 1 })).toEqual([]);
    }
    expect(found).toEqual(detectPatterns(bars, META));
  });

  it("emits only schema-valid patterns with prices on the right side", () => {
    for (const { bars } of series) {
      for (const pattern of detectPatterns(bars, META)) {
        // The schema keeps the entry order (issue 21 §2): what the detector sends is what the pipeline reads.
        expect(PatternSchema.parse(pattern)).toEqual(pattern);
        expect(pattern).not.toHaveProperty("user_ids");
        expect(pattern).not.toHaveProperty("idempotency_key");
        expect(pricesFollowDirection(pattern.pattern_type, pattern.entry_price, pattern.stop_loss, pattern.target_price)).toBe(true);
      }
    }
  });

  it("refuses a symbol or timeframe the pattern schema would refuse", () => {
    expect(() => new WyckoffDetector({ symbol: "aapl", timeframe: "5m" })).toThrow();
    expect(() => new WyckoffDetector({ symbol: "AAPL", timeframe: "5 minutes" })).toThrow();
  });

  it("carries symbol and timeframe into every pattern", () => {
    const patterns = detectPatterns(accumulation().bars, { symbol: "BRK.B", timeframe: "1h" });
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      expect(pattern.symbol).toBe("BRK.B");
      expect(pattern.timeframe).toBe("1h");
    }
  });
});
