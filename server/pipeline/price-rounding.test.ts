import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/decimal";
import { positionSize } from "@/lib/money";
import type { Pattern } from "@/lib/pattern";
import { aaplSpring } from "@/tests/support/patterns";
import { InvalidInputError } from "./invalid-input";
import { roundPrices } from "./price-rounding";

const spring = (overrides: Partial<Pattern>) => aaplSpring({ detected_at: "2026-01-23T10:29:59.500Z", ...overrides });

describe("price rounding (issue 12 item 1)", () => {
  it("rounds a long stop down, away from the entry: 20.00 / 19.985 is 19.98, not 19.99", () => {
    expect(roundPrices(spring({ entry_price: "20.00", stop_loss: "19.985", target_price: "21.005" }))).toMatchObject({
      entry_price: "20.00",
      stop_loss: "19.98",
      target_price: "21.01",
    });
    expect(roundPrices(spring({ stop_loss: "149.4951" })).stop_loss).toBe("149.49");
    expect(roundPrices(spring({ stop_loss: "149.50" })).stop_loss).toBe("149.50");
  });

  it("rounds a short stop up, away from the entry", () => {
    const utad = spring({ pattern_type: "UTAD", entry_price: "20.004", stop_loss: "20.211", target_price: "18.005" });
    expect(roundPrices(utad)).toMatchObject({ entry_price: "20.00", stop_loss: "20.22", target_price: "18.01" });
  });

  it("refuses a price that rounds to 0.00, naming it", () => {
    const call = () => roundPrices(spring({ entry_price: "0.02", stop_loss: "0.009", target_price: "0.004" }));
    expect(call).toThrow(InvalidInputError);
    try {
      call();
    } catch (error) {
      expect((error as InvalidInputError).issues.map((issue) => issue.path)).toEqual(["stop_loss", "target_price"]);
    }
    // A short stop rounds up, so 0.001 becomes 0.01 and is fine.
    expect(roundPrices(spring({ pattern_type: "SOW", entry_price: "0.005", stop_loss: "0.001", target_price: "0.005" })).stop_loss).toBe(
      "0.01",
    );
  });

  it("for every price set, the risk at the real stop never exceeds the risk shown and sized", () => {
    // Prices with up to 6 places, as an external scanner may send them.
    const price = fc.integer({ min: 10_000, max: 2_000_000_000 }).map((n) => new Decimal(n).div(1_000_000));
    fc.assert(
      fc.property(price, fc.integer({ min: 1, max: 5_000_000 }), fc.boolean(), (entry, gapMicros, long) => {
        const gap = new Decimal(gapMicros).div(1_000_000);
        const stop = long ? entry.minus(gap) : entry.plus(gap);
        fc.pre(stop.gt("0.01"));
        const raw = spring({
          pattern_type: long ? "SPRING" : "UTAD",
          entry_price: entry.toFixed(6),
          stop_loss: stop.toFixed(6),
          target_price: entry.toFixed(6),
        });
        const shown = roundPrices(raw);
        const shownEntry = new Decimal(shown.entry_price);
        const shownRisk = shownEntry.minus(shown.stop_loss).abs();
        // Entry and stop that meet at the same cent fail the price-side rule and are never sized.
        fc.pre(!shownRisk.isZero());
        // The real stop sits at or inside the shown one: a fill at the shown entry loses at most the shown risk.
        expect(shownEntry.minus(stop).abs().lte(shownRisk)).toBe(true);
        expect(new Decimal(shown.stop_loss).minus(stop).abs().lt("0.01")).toBe(true);
        const sized = positionSize({
          equity: "5000.00",
          riskPercentage: "1.5",
          maxLeverage: "4",
          entry: shownEntry,
          stop: shown.stop_loss,
        });
        expect(new Decimal(sized.shares).times(shownEntry.minus(stop).abs()).lte("75.00")).toBe(true);
        expect(new Decimal(sized.shares).times(shownEntry).lte("20000.00")).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
