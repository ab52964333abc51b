import { describe, expect, it } from "vitest";
import {
  lpsLevels,
  lpsyLevels,
  projectionK,
  sosLevels,
  sowLevels,
  springLevels,
  testLevels,
  utadLevels,
  type PriceLevels,
} from "./event-levels";
import { Decimal, toMoneyString } from "@/lib/decimal";

// S = S_min = 100 and R = R_max = 110 unless a test says otherwise.
const bounds = { support: new Decimal(100), resistance: new Decimal(110), floor: new Decimal(100), ceiling: new Decimal(110) };
const wire = (levels: PriceLevels) => [toMoneyString(levels.entry), toMoneyString(levels.stop), toMoneyString(levels.target)];

describe("projectionK", () => {
  it("follows the range-length tiers", () => {
    expect([1, 14, 15, 24, 25, 39, 40, 200].map(projectionK)).toEqual([1, 1, 2, 2, 2.5, 2.5, 3, 3]);
  });
});

describe("price levels (S = 100, R = 110)", () => {
  it("SPRING: the reclaim close, a stop below the low that widens with penetration, R", () => {
    // 1.5 % penetration → buffer 0.25 % + 0.25 × 1.5 % = 0.625 % → 98.5 × 0.99375 = 97.884375.
    expect(wire(springLevels(bounds, 98.5, 100.8))).toEqual(["100.80", "97.88", "110.00"]);
    // 4 % penetration → buffer 1.25 % → 96 × 0.9875 = 94.8.
    expect(wire(springLevels(bounds, 96, 100.2))).toEqual(["100.20", "94.80", "110.00"]);
  });

  it("TEST: S × 1.005, spring low × 0.995 rounded half up in decimals, R", () => {
    // 98.5 × 0.995 = 98.0075 exactly: a tie, which rounds half up to 98.01.
    expect(wire(testLevels(bounds, 98.5))).toEqual(["100.50", "98.01", "110.00"]);
    // 99 × 0.995 = 98.505, also a tie: 98.51. In binary floats the product is a hair under and would give 98.50.
    expect(wire(testLevels(bounds, 99))[1]).toBe("98.51");
    expect((99 * 0.995).toFixed(2)).toBe("98.50");
  });

  it("SOS: breakout close, R × 0.95, R + k × (R − S)", () => {
    expect(wire(sosLevels(bounds, 112.75, 43))).toEqual(["112.75", "104.50", "140.00"]);
    expect(wire(sosLevels(bounds, 112.75, 30))).toEqual(["112.75", "104.50", "135.00"]);
    expect(wire(sosLevels(bounds, 112.75, 12))).toEqual(["112.75", "104.50", "120.00"]);
  });

  it("LPS: R × 1.01 when the confirming bar traded there, R × 0.97, the same projection", () => {
    expect(wire(lpsLevels(bounds, 20, { low: 110.7, high: 112.2, close: 112 }))).toEqual(["111.10", "106.70", "130.00"]);
  });

  it("LPS (issue 12 item 6): a confirming bar that never traded R × 1.01 enters at its close, a price it did trade", () => {
    // The pullback held at 112.75 (R × 1.025) and the bounce bar traded 113.00–115.00: R × 1.01 = 111.10 was never offered.
    expect(wire(lpsLevels(bounds, 20, { low: 113, high: 115, close: 114.9 }))).toEqual(["114.90", "106.70", "130.00"]);
  });

  it("measures a spring's penetration and a UTAD's overshoot from S_min / R_max, not from the mean levels", () => {
    const wide = { support: new Decimal(100.5), resistance: new Decimal(109.5), floor: new Decimal(100), ceiling: new Decimal(110) };
    // 1.5 % under S_min = 100 → the same stop as with S = 100; entry and target stay on the mean levels.
    expect(wire(springLevels(wide, 98.5, 100.8))).toEqual(["100.80", "97.88", "109.50"]);
    expect(wire(utadLevels(wide, 111.65, 109.45))).toEqual(["109.45", "112.35", "100.50"]);
  });

  it("UTAD: the close back below R, a stop above the high, S", () => {
    // 1.5 % overshoot → 111.65 × 1.00625 = 112.3478125.
    expect(wire(utadLevels(bounds, 111.65, 109.45))).toEqual(["109.45", "112.35", "100.00"]);
  });

  it("SOW: breakdown close, S × 1.05, S − k × (R − S)", () => {
    expect(wire(sowLevels(bounds, 98.5, 36))).toEqual(["98.50", "105.00", "75.00"]);
  });

  it("LPSY: S × 0.99, above the rally high, S − k × (R − S)", () => {
    // 99.5 × 1.005 = 99.9975 → 100.00.
    expect(wire(lpsyLevels(bounds, 99.5, 16, { low: 98, high: 99.2, close: 98.2 }))).toEqual(["99.00", "100.00", "80.00"]);
    // The mirror of the LPS rule: a confirming bar that never rose to S × 0.99 sells at its close.
    expect(wire(lpsyLevels(bounds, 99.5, 16, { low: 97, high: 98.5, close: 97.2 }))).toEqual(["97.20", "100.00", "80.00"]);
  });
});
