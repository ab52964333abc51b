import { describe, expect, it } from "vitest";
import { NEAR_MISS_FORBIDDEN } from "./near-misses";
import { evaluateRealSeries, loadRealBars, REAL_SERIES } from "./real-series";
import { detect } from "./run";
import { buildScenario, NEAR_MISS_KINDS, SCENARIO_KINDS } from "./scenarios";
import { score } from "./score";

describe("the evaluation's generator", () => {
  it("keeps every plain-range bar between the range's extremes, and draws prices $2–$2,000 on cents", () => {
    for (const kind of SCENARIO_KINDS) {
      for (let seed = 1; seed <= 15; seed++) {
        const scenario = buildScenario(kind, seed);
        const inRange = scenario.bars.slice(scenario.plain.from, scenario.plain.to);
        const floor = Math.min(...inRange.map((bar) => bar.low));
        const ceiling = Math.max(...inRange.map((bar) => bar.high));
        // The opening climax sets S_min or R_max; nothing after it in the plain stretch goes beyond.
        expect(floor).toBe(scenario.price);
        expect(ceiling / floor - 1).toBeCloseTo(scenario.width, 2);
        expect(scenario.price).toBeGreaterThanOrEqual(2);
        expect(scenario.price).toBeLessThanOrEqual(2000);
        for (const bar of scenario.bars) {
          expect(Math.round(bar.close * 100) / 100).toBe(bar.close);
          expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
          expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
        }
      }
    }
  });

  it("plants a spring below S_min and a breakout close above R_max", () => {
    const scenario = buildScenario("spring", 7);
    const spring = scenario.labels.find((label) => label.type === "SPRING")!;
    const sos = scenario.labels.find((label) => label.type === "SOS")!;
    const lowBefore = Math.min(...scenario.bars.slice(spring.from - 4, spring.from + 1).map((bar) => bar.low));
    expect(lowBefore).toBeLessThan(scenario.price);
    expect(scenario.bars[sos.from]!.close).toBeGreaterThan(scenario.price * (1 + scenario.width) * 1.01);
    expect(scenario.labels.map((label) => label.type)).toEqual(["SPRING", "TEST", "SOS", "LPS"]);
  });

  it("is deterministic for a seed", () => {
    expect(buildScenario("upthrust", 99)).toEqual(buildScenario("upthrust", 99));
  });
});

describe("scoring", () => {
  it("matches reports to labels by type and window, once each, and counts plain-range false events", () => {
    const scenario = {
      ...buildScenario("breakout", 3),
      labels: [{ type: "SOS" as const, from: 100, to: 100 }],
      plain: { from: 10, to: 90 },
    };
    const result = score([
      {
        scenario,
        detections: [
          { type: "SOS", index: 100 },
          { type: "SOS", index: 100 },
          { type: "SPRING", index: 50 },
          { type: "UTAD", index: 95 },
        ],
      },
    ]);
    const sos = result.events.find((row) => row.type === "SOS")!;
    expect(sos).toMatchObject({ planted: 1, reported: 2, matched: 1, precision: 0.5, recall: 1 });
    expect(result.events.find((row) => row.type === "SPRING")).toMatchObject({ planted: 0, reported: 1, precision: 0, recall: null });
    expect(result.plainFalse).toBe(1);
    expect(result.falsePerThousand).toBeCloseTo(1000 / 80);
  });
});

describe("near misses and real bars (issue 21 §4)", () => {
  it("reports none of the events a near miss only comes close to", () => {
    for (const kind of NEAR_MISS_KINDS) {
      for (let seed = 1; seed <= 25; seed++) {
        const scenario = buildScenario(kind, seed);
        const fooled = detect(scenario).filter((d) => d.type === NEAR_MISS_FORBIDDEN[kind] && d.index >= scenario.plain.to);
        expect(fooled, `${kind} seed ${seed}`).toEqual([]);
      }
    }
  });

  it("finds a breakout that closes back inside to be the UTAD it is", () => {
    const scenario = buildScenario("failed-breakout", 4);
    const utad = scenario.labels.find((label) => label.type === "UTAD")!;
    const found = detect(scenario).filter((d) => d.type === "UTAD");
    expect(found).toHaveLength(1);
    expect(found[0]!.index).toBeGreaterThanOrEqual(utad.from);
    expect(found[0]!.index).toBeLessThanOrEqual(utad.to);
  });

  it("runs over every shipped real series without repainting, with the counts the report shows", () => {
    const results = REAL_SERIES.map(evaluateRealSeries);
    // The intraday series are judged per time of day once a slot has 3 earlier sessions: EA from its 4th session
    // on (3 × 26 + 19 bars), BTC-USD after its first 3 days of six 4-hour bars.
    expect(results.map((r) => [r.label, r.bars, r.timeOfDayBars, r.events.length, r.noRepaint])).toEqual([
      ["FB daily", 452, 0, 0, true],
      ["MSFT daily", 252, 0, 0, true],
      ["EA 15-minute", 175, 97, 0, true],
      ["BTC-USD 4-hour", 2189, 2171, 25, true],
    ]);
  });

  it("ships the intraday series with real volume on every bar and their busiest slots where markets trade most", () => {
    const meanBySlot = (file: string, timeframe: string) => {
      const slots = new Map<string, number[]>();
      for (const bar of loadRealBars(file, timeframe)) {
        expect(bar.volume).toBeGreaterThan(0);
        const slot = new Date(bar.time).toISOString().slice(11, 16);
        slots.set(slot, [...(slots.get(slot) ?? []), bar.volume]);
      }
      return (slot: string) => slots.get(slot)!.reduce((sum, v) => sum + v, 0) / slots.get(slot)!.length;
    };
    // EA on New York time (UTC−4 in May–June): the opening and closing quarter-hours outweigh midday.
    const ea = meanBySlot("ea-15m.csv", "15m");
    expect(ea("13:30")).toBeGreaterThan(2 * ea("16:00"));
    expect(ea("19:45")).toBeGreaterThan(2 * ea("16:00"));
    // BTC-USD trades round the clock, most while New York is open (12:00–20:00 UTC), least in the Asian morning.
    const btc = meanBySlot("btc-usd-4h.csv", "4h");
    expect(btc("12:00")).toBeGreaterThan(2 * btc("04:00"));
    expect(btc("16:00")).toBeGreaterThan(2 * btc("08:00"));
  });
});
