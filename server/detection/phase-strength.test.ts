import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/decimal";
import { phaseStrength, rangeOpeningSteps, type PhaseStep } from "./phase-strength";
import type { Touch, TradingRange } from "./trading-range";

const seen = (...steps: PhaseStep[]) => new Set(steps);

describe("phaseStrength", () => {
  it("is 1 when every expected earlier step was seen", () => {
    expect(phaseStrength("SPRING", seen("SC", "AR", "ST"))).toBe(1);
    expect(phaseStrength("LPS", seen("SC", "AR", "ST", "SPRING", "SOS"))).toBe(1);
    expect(phaseStrength("LPSY", seen("BC", "UTAD", "SOW"))).toBe(1);
  });

  it("falls with every missing step", () => {
    expect(phaseStrength("SOS", seen("SC", "AR", "ST"))).toBe(0.8); // no spring: 4 / 5
    expect(phaseStrength("SOS", seen())).toBe(0.2);
    expect(phaseStrength("UTAD", seen())).toBe(0.5);
    expect(phaseStrength("SOW", seen("BC"))).toBeCloseTo(2 / 3, 12);
    expect(phaseStrength("TEST", seen("SPRING"))).toBe(0.4);
  });

  it("ignores steps of the other schematic", () => {
    expect(phaseStrength("SPRING", seen("BC", "UTAD", "SOW"))).toBe(0.25);
  });
});

describe("rangeOpeningSteps", () => {
  const touch = (index: number, price: number, volume: number, relVolume: number): Touch => ({ index, price, volume, relVolume });
  const range = (supportTouches: Touch[], resistanceTouches: Touch[]): TradingRange => ({
    support: new Decimal(100),
    resistance: new Decimal(110),
    supportTouches,
    resistanceTouches,
    startIndex: 0,
  });

  it("reads SC → AR → ST from the touches", () => {
    const steps = rangeOpeningSteps(
      range([touch(0, 100, 2500, 2.4), touch(14, 100, 800, 0.8)], [touch(7, 110, 1200, 1.1), touch(21, 110, 900, 0.9)]),
    );
    expect([...steps].sort()).toEqual(["AR", "SC", "ST"]);
  });

  it("needs climactic volume for a climax and less volume for the secondary test", () => {
    expect(rangeOpeningSteps(range([touch(0, 100, 1400, 1.4), touch(14, 100, 800, 0.8)], [touch(7, 110, 1200, 1.1)])).size).toBe(0);
    const noTest = rangeOpeningSteps(range([touch(0, 100, 2500, 2.4), touch(14, 100, 2600, 2.2)], [touch(7, 110, 1200, 1.1)]));
    expect([...noTest].sort()).toEqual(["AR", "SC"]);
  });

  it("reads a buying climax from the first resistance touch", () => {
    expect([...rangeOpeningSteps(range([touch(7, 100, 1000, 1)], [touch(0, 110, 3000, 2.6)]))]).toEqual(["BC"]);
  });
});
