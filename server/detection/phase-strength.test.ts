import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/decimal";
import { phaseStrength, rangeOpeningSteps, type PhaseStep } from "./phase-strength";
import type { Touch, TradingRange } from "./trading-range";

/** Steps seen in the order given, one bar apart. */
const seen = (...steps: PhaseStep[]) => new Map(steps.map((step, index) => [step, index * 10]));

describe("phaseStrength", () => {
  it("is 1 when every expected earlier step was seen", () => {
    expect(phaseStrength("SPRING", seen("SC", "AR", "ST"))).toBe(1);
    expect(phaseStrength("LPS", seen("SC", "AR", "ST", "SPRING", "SOS"))).toBe(1);
    expect(phaseStrength("LPSY", seen("BC", "AR_DIST", "ST_DIST", "UTAD", "SOW"))).toBe(1);
  });

  it("falls with every missing step", () => {
    expect(phaseStrength("SOS", seen("SC", "AR", "ST"))).toBe(0.8); // no spring: 4 / 5
    expect(phaseStrength("SOS", seen())).toBe(0.2);
    expect(phaseStrength("SOW", seen("BC"))).toBeCloseTo(2 / 5, 12);
    expect(phaseStrength("TEST", seen("SPRING"))).toBe(0.4);
  });

  it("scores the two schematics as mirrors: no free points for shorts (issue 12 item 7)", () => {
    // Before: a bare UTAD scored 0.5 and a bare SOW 0.33, against 0.25 and 0.2 for their long mirrors.
    const mirrors: Array<[Parameters<typeof phaseStrength>[0], Parameters<typeof phaseStrength>[0]]> = [
      ["SPRING", "UTAD"],
      ["SOS", "SOW"],
      ["LPS", "LPSY"],
    ];
    for (const [long, short] of mirrors) expect(phaseStrength(short, seen())).toBe(phaseStrength(long, seen()));
    expect(phaseStrength("UTAD", seen())).toBe(0.25);
    expect(phaseStrength("SOW", seen())).toBe(0.2);
    expect(phaseStrength("UTAD", seen("BC", "AR_DIST", "ST_DIST"))).toBe(phaseStrength("SPRING", seen("SC", "AR", "ST")));
  });

  it("credits steps only in schematic order", () => {
    // A secondary test after the spring does not count for the SOS: SC, AR, SPRING credited, ST not.
    const late = new Map<PhaseStep, number>([
      ["SC", 0],
      ["AR", 8],
      ["SPRING", 30],
      ["ST", 40],
    ]);
    expect(phaseStrength("SOS", late)).toBe(0.8);
    expect(phaseStrength("SOS", seen("SC", "AR", "ST", "SPRING"))).toBe(1);
  });

  it("ignores steps of the other schematic", () => {
    expect(phaseStrength("SPRING", seen("BC", "UTAD", "SOW"))).toBe(0.25);
    expect(phaseStrength("UTAD", seen("SC", "AR", "ST"))).toBe(0.25);
  });
});

describe("rangeOpeningSteps", () => {
  const touch = (index: number, price: number, volume: number, relVolume: number): Touch => ({
    index,
    price,
    volume,
    relVolume,
    sessionVolume: relVolume,
  });
  const range = (supportTouches: Touch[], resistanceTouches: Touch[]): TradingRange => ({
    support: new Decimal(100),
    resistance: new Decimal(110),
    supportTouches,
    resistanceTouches,
    startIndex: Math.min(supportTouches[0]?.index ?? Infinity, resistanceTouches[0]?.index ?? Infinity),
  });
  const names = (steps: Map<PhaseStep, number>) => [...steps.keys()].sort();

  it("reads SC → AR → ST from the touches, with their bars", () => {
    const steps = rangeOpeningSteps(
      range([touch(0, 100, 2500, 2.4), touch(14, 100, 800, 0.8)], [touch(7, 110, 1200, 1.1), touch(21, 110, 900, 0.9)]),
    );
    expect(Object.fromEntries(steps)).toEqual({ SC: 0, AR: 7, ST: 14 });
  });

  it("needs climactic volume for a climax and less volume for the secondary test", () => {
    expect(rangeOpeningSteps(range([touch(0, 100, 1400, 1.4), touch(14, 100, 800, 0.8)], [touch(7, 110, 1200, 1.1)])).size).toBe(0);
    const noTest = rangeOpeningSteps(range([touch(0, 100, 2500, 2.4), touch(14, 100, 2600, 2.2)], [touch(7, 110, 1200, 1.1)]));
    expect(names(noTest)).toEqual(["AR", "SC"]);
  });

  it("reads the distribution's BC → AR → ST mirror from a range that opens at resistance", () => {
    const steps = rangeOpeningSteps(
      range([touch(7, 100, 1000, 1), touch(21, 100, 700, 0.7)], [touch(0, 110, 3000, 2.6), touch(14, 110, 900, 0.9)]),
    );
    expect(Object.fromEntries(steps)).toEqual({ BC: 0, AR_DIST: 7, ST_DIST: 14 });
  });

  it("does not take a heavy touch of resistance for a buying climax unless it opens the range", () => {
    // Before: any heavy first resistance touch counted, even after an accumulation had opened with its SC.
    const steps = rangeOpeningSteps(range([touch(0, 100, 2500, 2.4), touch(14, 100, 800, 0.8)], [touch(7, 110, 3000, 2.6)]));
    expect(names(steps)).toEqual(["AR", "SC", "ST"]);
    expect(names(rangeOpeningSteps(range([touch(0, 100, 1000, 1)], [touch(7, 110, 3000, 2.6)])))).toEqual([]);
  });
});
