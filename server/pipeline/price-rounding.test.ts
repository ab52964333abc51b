import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/decimal";
import { positionSize } from "@/lib/money";
import type { Pattern } from "@/lib/pattern";
import { aaplSpring } from "@/tests/support/patterns";
import { InvalidInputError } from "./invalid-input";
import { roundPrices } from "./price-rounding";
import { rejectionReason, tradeFacts } from "./trade-validation";

const NOW = Date.parse("2026-01-23T10:30:00.000Z");
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

describe("the trader's prices, end to end (issue 12 items 1 and 2)", () => {
  it("for every price set a trader is shown: shares × |entry − shown stop| ≤ budget, shares × entry ≤ equity × max_leverage", () => {
    let sized = 0;
    const decimal = (min: number, max: number, places: number) =>
      fc.integer({ min: min * 10 ** places, max: max * 10 ** places }).map((n) => new Decimal(n).div(10 ** places));
    fc.assert(
      fc.property(
        decimal(100, 1_000_000, 2),
        decimal(0.1, 5, 1),
        fc.integer({ min: 1, max: 10 }),
        decimal(0.01, 3000, 6),
        decimal(0.000001, 0.2, 6),
        decimal(0.000001, 1, 6),
        fc.boolean(),
        (equity, riskPercentage, maxLeverage, entry, stopShare, targetShare, long) => {
          const stop = long ? entry.times(new Decimal(1).minus(stopShare)) : entry.times(new Decimal(1).plus(stopShare));
          const target = long ? entry.times(new Decimal(1).plus(targetShare)) : entry.times(new Decimal(1).minus(targetShare));
          fc.pre(stop.gt(0) && target.gt(0));
          const raw = spring({
            pattern_type: long ? "SPRING" : "UTAD",
            entry_price: entry.toFixed(6),
            stop_loss: stop.toFixed(6),
            target_price: target.toFixed(6),
          });
          let shown: Pattern;
          try {
            shown = roundPrices(raw);
          } catch (error) {
            // Only a price under half a cent may be refused, and then with a 400, never silently.
            expect(error).toBeInstanceOf(InvalidInputError);
            return;
          }
          const limits = { equity: equity.toFixed(2), riskPercentage: riskPercentage.toString(), minRMultiple: 0, maxLeverage };
          const facts = tradeFacts(shown, limits);
          if (rejectionReason(shown, facts, limits, { now: NOW, hasRecentDuplicate: false }) !== null) return;
          sized += 1;
          const shares = new Decimal(facts.size.shares);
          const perShare = new Decimal(shown.entry_price).minus(shown.stop_loss).abs();
          expect(shares.gte(1)).toBe(true);
          expect(shares.times(perShare).lte(equity.times(riskPercentage).div(100))).toBe(true);
          expect(shares.times(shown.entry_price).lte(equity.times(maxLeverage))).toBe(true);
          expect(facts.size.riskAmount).toBe(shares.times(perShare).toFixed(2));
          // The scanner's own stop is never further away than the one shown: the shown risk is the real one or more.
          expect(new Decimal(shown.entry_price).minus(stop).abs().lte(perShare)).toBe(true);
          // And the stop is at least max(0.01, 0.1 % of entry) away.
          expect(perShare.gte(Decimal.max("0.01", new Decimal(shown.entry_price).times("0.001")))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    // Most generated sets pass validation, so the property is about real trades, not about rejections.
    expect(sized).toBeGreaterThan(1500);
  });
});
