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

  it("TEST: S × 1.005 as a limit or stop order for the next bars, the spring low × 0.995 in exact decimals, R", () => {
    // 98.5 × 0.995 = 98.0075 exactly (pattern-message rounds it away from the entry: 98.00).
    const above = testLevels(bounds, 98.5, { close: 101.2 });
    expect(above.stop.toString()).toBe("98.0075");
    expect([toMoneyString(above.entry), toMoneyString(above.target)]).toEqual(["100.50", "110.00"]);
    // Closed above S × 1.005: buy the dip with a limit; closed below: buy strength through it with a stop.
    expect(above.order).toEqual({ type: "limit", validBars: 5 });
    expect(testLevels(bounds, 98.5, { close: 100.1 }).order).toEqual({ type: "stop", validBars: 5 });
    // Closed exactly there: the close is the entry, a market order.
    expect(testLevels(bounds, 98.5, { close: 100.5 }).order).toBeUndefined();
    // 99 × 0.995 = 98.505 in decimals; in binary floats the product is a hair under.
    expect(testLevels(bounds, 99, { close: 101 }).stop.toString()).toBe("98.505");
    expect((99 * 0.995).toFixed(2)).toBe("98.50");
  });

  it("SOS: breakout close, R × 0.95, R + k × (R − S)", () => {
    expect(wire(sosLevels(bounds, 112.75, 43))).toEqual(["112.75", "104.50", "140.00"]);
    expect(wire(sosLevels(bounds, 112.75, 30))).toEqual(["112.75", "104.50", "135.00"]);
    expect(wire(sosLevels(bounds, 112.75, 12))).toEqual(["112.75", "104.50", "120.00"]);
  });

  it("LPS (issue 21 §2): the confirming bar's close, never a price inside that bar; R × 0.97; the projection", () => {
    // The bar traded R × 1.01 = 111.10, but before it closed nobody knew it confirmed the LPS.
    expect(wire(lpsLevels(bounds, 20, { close: 112 }))).toEqual(["112.00", "106.70", "130.00"]);
    expect(wire(lpsLevels(bounds, 20, { close: 114.9 }))).toEqual(["114.90", "106.70", "130.00"]);
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

  it("LPSY: the confirming bar's close, above the rally high, S − k × (R − S)", () => {
    // 99.5 × 1.005 = 99.9975 → 100.00; the bar traded S × 0.99 = 99.00 but closed at 98.20.
    expect(wire(lpsyLevels(bounds, 99.5, 16, { close: 98.2 }))).toEqual(["98.20", "100.00", "80.00"]);
    expect(wire(lpsyLevels(bounds, 99.5, 16, { close: 97.2 }))).toEqual(["97.20", "100.00", "80.00"]);
  });
});
