import { describe, expect, it } from "vitest";
import { BarSchema, PatternSchema, type Pattern } from "@/lib/pattern";
import type { Bar } from "../bar";
import { createDemoMarket } from "./demo-market";
import { pricesFollowDirection } from "../pattern-message";
import { WyckoffDetector } from "../wyckoff-detector";

const SYMBOLS = ["AAPL", "MSFT", "NVDA", "TSLA", "SPY"];
const START = Date.UTC(2026, 0, 5, 14, 30);

/** Runs the market the way the demo feed does: each tick, one bar per symbol into that symbol's detector. */
function runDemo(seed: number, ticks: number) {
  const market = createDemoMarket({ symbols: SYMBOLS, seed, timeframe: "1m", startTime: START });
  const detectors = new Map(SYMBOLS.map((symbol) => [symbol, new WyckoffDetector({ symbol, timeframe: "1m" })]));
  const events: Array<{ tick: number; pattern: Pattern }> = [];
  const bars = new Map<string, Bar[]>(SYMBOLS.map((symbol) => [symbol, []]));
  for (let tick = 0; tick < ticks; tick++) {
    for (const symbol of SYMBOLS) {
      const bar = market.nextBar(symbol);
      bars.get(symbol)?.push(bar);
      for (const pattern of detectors.get(symbol)?.push(bar) ?? []) events.push({ tick, pattern });
    }
  }
  return { events, bars };
}

describe("demo market", () => {
  const TICKS = 2000;
  const { events, bars } = runDemo(20260105, TICKS);

  it("makes the detector find an event every 15–45 ticks on average across 5 symbols", () => {
    const ticksPerEvent = TICKS / events.length;
    expect(ticksPerEvent).toBeGreaterThanOrEqual(15);
    expect(ticksPerEvent).toBeLessThanOrEqual(45);
    // Not all in one burst: no silence longer than a quarter of the run.
    const ticks = [0, ...events.map((event) => event.tick), TICKS];
    const longestGap = Math.max(...ticks.slice(1).map((tick, i) => tick - (ticks[i] ?? 0)));
    expect(longestGap).toBeLessThan(TICKS / 4);
  });

  it("produces mostly the headline events, and all seven kinds over the run", () => {
    const counts = new Map<string, number>();
    for (const { pattern } of events) counts.set(pattern.pattern_type, (counts.get(pattern.pattern_type) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(["LPS", "LPSY", "SOS", "SOW", "SPRING", "TEST", "UTAD"]);
    const headline = ["SPRING", "SOS", "LPS", "UTAD", "SOW"].reduce((sum, type) => sum + (counts.get(type) ?? 0), 0);
    expect(headline / events.length).toBeGreaterThan(0.6);
    // Every symbol gets its share.
    for (const symbol of SYMBOLS)
      expect(
        events.some((event) => event.pattern.symbol === symbol),
        symbol,
      ).toBe(true);
  });

  it("emits only patterns that pass PatternSchema and the direction price rule", () => {
    for (const { pattern } of events) {
      // The schema keeps the entry order (issue 21 §2): what the detector sends is what the pipeline reads.
      expect(PatternSchema.parse(pattern)).toEqual(pattern);
      expect(
        pricesFollowDirection(pattern.pattern_type, pattern.entry_price, pattern.stop_loss, pattern.target_price),
        JSON.stringify(pattern),
      ).toBe(true);
    }
  });

  it("produces valid bars one timeframe apart", () => {
    for (const series of bars.values()) {
      series.forEach((bar, i) => {
        expect(
          BarSchema.safeParse({ t: bar.time, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume }).success,
          JSON.stringify(bar),
        ).toBe(true);
        expect(bar.time).toBe(START + i * 60_000);
      });
    }
  });

  it("is deterministic per seed, whatever order the symbols are asked in", () => {
    const forward = createDemoMarket({ symbols: SYMBOLS, seed: 7, startTime: START });
    const backward = createDemoMarket({ symbols: SYMBOLS, seed: 7, startTime: START });
    const a = Array.from({ length: 300 }, () => SYMBOLS.map((symbol) => forward.nextBar(symbol)));
    const b = Array.from({ length: 300 }, () =>
      [...SYMBOLS]
        .reverse()
        .map((symbol) => backward.nextBar(symbol))
        .reverse(),
    );
    expect(a).toEqual(b);
    const other = createDemoMarket({ symbols: SYMBOLS, seed: 8, startTime: START });
    expect(Array.from({ length: 300 }, () => other.nextBar("AAPL"))).not.toEqual(a.map((row) => row[0]));
  });

  it("places a bar at the caller's time when given one", () => {
    const market = createDemoMarket({ symbols: ["AAPL"], seed: 1, startTime: START });
    expect(market.nextBar("AAPL").time).toBe(START);
    expect(market.nextBar("AAPL", START + 5_000).time).toBe(START + 5_000);
    expect(market.nextBar("AAPL").time).toBe(START + 65_000);
    expect(() => market.nextBar("ZZZ")).toThrow(/ZZZ/);
  });
});
