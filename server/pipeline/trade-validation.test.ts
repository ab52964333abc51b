import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/decimal";
import { positionSize, rMultiple } from "@/lib/money";
import type { Pattern } from "@/lib/pattern";
import { aaplSpring } from "@/tests/support/patterns";
import { belowConfidenceReason, rejectionReason, tradeFacts, type TraderLimits } from "./trade-validation";

const NOW = Date.parse("2026-01-23T10:30:00.000Z");
const limits: TraderLimits = { equity: "5000.00", riskPercentage: "1.5", minRMultiple: 2, maxLeverage: 4 };
const size = (equity: string, riskPercentage: string, entry: string, stop: string, maxLeverage = "4") =>
  positionSize({ equity, riskPercentage, maxLeverage, entry, stop });
const pattern = (overrides: Partial<Pattern> = {}): Pattern => aaplSpring({ detected_at: "2026-01-23T10:29:59.500Z", ...overrides });
const reasonFor = (p: Pattern, l = limits, hasRecentDuplicate = false) =>
  rejectionReason(p, tradeFacts(p, l), l, { now: NOW, hasRecentDuplicate });

describe("money", () => {
  it("sizes the AAPL example: 5000.00 at 1.5 % → 100 shares, 75.00 at risk, 15025.00 notional", () => {
    expect(size("5000.00", "1.5", "150.25", "149.50")).toEqual({
      shares: 100,
      riskAmount: "75.00",
      positionValue: "15025.00",
      riskBudget: "75.00",
      riskShares: 100,
      buyingPowerShares: 133,
      sizeLimitedBy: "risk",
    });
  });

  it("floors shares and never risks more than the budget", () => {
    // 25000 × 1 % = 250; 250 / 0.75 = 333.33 → 333 shares → 249.75 at risk.
    expect(size("25000.00", "1.0", "150.25", "149.50")).toMatchObject({ shares: 333, riskAmount: "249.75" });
  });

  it("computes R-multiples half up, long and short", () => {
    expect(rMultiple("150.25", "149.50", "152.75").toFixed(2)).toBe("3.33");
    expect(rMultiple("100.00", "103.00", "91.00").toFixed(2)).toBe("3.00");
    // 1.005 exactly → 1.01 (half up); binary floats would give 1.00.
    expect(rMultiple("10.000", "8.000", "12.010").toFixed(2)).toBe("1.01");
  });
});

describe("validation order", () => {
  it("accepts the AAPL example", () => {
    expect(reasonFor(pattern())).toBeNull();
  });

  it("rejects prices on the wrong side for the direction", () => {
    expect(reasonFor(pattern({ stop_loss: "151.00" }))).toBe("Invalid price levels for a long trade: needs stop < entry < target");
    expect(reasonFor(pattern({ pattern_type: "UTAD" }))).toBe("Invalid price levels for a short trade: needs target < entry < stop");
  });

  it("rejects an R-multiple below the user's minimum", () => {
    expect(reasonFor(pattern({ target_price: "151.50" }))).toBe("R-multiple below minimum (1.67 < 2.00)");
  });

  it("rejects when not one share fits the risk budget", () => {
    expect(reasonFor(pattern({ entry_price: "150.00", stop_loss: "50.00", target_price: "400.00" }))).toBe(
      "Risk budget too small for one share (75.00 < 100.00 per share)",
    );
  });

  it("rejects a pattern older than 60 s as stale, and a repeat within 15 minutes as duplicate", () => {
    expect(reasonFor(pattern({ detected_at: "2026-01-23T10:28:59.999Z" }))).toBe("stale");
    expect(reasonFor(pattern({ detected_at: "2026-01-23T10:29:00.000Z" }))).toBeNull();
    expect(reasonFor(pattern(), limits, true)).toBe("duplicate");
  });

  it("reports the first failing rule when several fail", () => {
    const everythingWrong = pattern({ stop_loss: "151.00", detected_at: "2020-01-01T00:00:00.000Z" });
    expect(reasonFor(everythingWrong, limits, true)).toMatch(/^Invalid price levels/);
    expect(reasonFor(pattern({ target_price: "151.00", detected_at: "2020-01-01T00:00:00.000Z" }), limits, true)).toMatch(/^R-multiple/);
  });

  it("words the confidence rejection exactly as contract §6", () => {
    expect(belowConfidenceReason(new Decimal("72.00"), 75)).toBe("Below minimum confidence threshold (72% < 75%)");
    expect(belowConfidenceReason(new Decimal("72.50"), 75)).toBe("Below minimum confidence threshold (72.5% < 75%)");
  });
});

describe("minimum stop distance (issue 12 item 2)", () => {
  it("rejects a stop closer than max(0.01, 0.1 % of entry) with SPEC's wording", () => {
    // The example: 150.25 / 150.24 sized 7,500 shares (225× leverage) and was approved.
    expect(reasonFor(pattern({ stop_loss: "150.24", target_price: "152.75" }))).toBe("Stop too close to entry (0.01 < 0.15)");
    // 0.1 % of 150.25 is 0.15025: a stop 0.15 away is still too close, and the message says by how much.
    expect(reasonFor(pattern({ stop_loss: "150.10" }))).toBe("Stop too close to entry (0.15 < 0.15025)");
    expect(reasonFor(pattern({ stop_loss: "150.09" }))).toBeNull();
    // Below 10.00 the one-cent floor rules: 0.01 away from 5.00 is allowed.
    expect(reasonFor(pattern({ entry_price: "5.00", stop_loss: "4.99", target_price: "5.10" }))).toBeNull();
  });

  it("checks the distance after the price sides and before the R-multiple", () => {
    expect(reasonFor(pattern({ stop_loss: "150.30" }))).toMatch(/^Invalid price levels/);
    // R would be 250 here; the distance rule still comes first.
    expect(reasonFor(pattern({ stop_loss: "150.24", target_price: "151.00" }))).toBe("Stop too close to entry (0.01 < 0.15)");
    expect(reasonFor(pattern({ stop_loss: "150.24", target_price: "150.26" }))).toMatch(/^Stop too close/);
  });
});

describe("buying-power cap (issue 12 item 2)", () => {
  it("caps shares at floor(equity × max_leverage / entry) and says which bound won", () => {
    // Risk alone: 75 / 0.02 = 3,750 shares = 75,000.00 of stock on 5,000.00. Buying power: 20,000 / 20 = 1,000.
    expect(size("5000.00", "1.5", "20.00", "19.98")).toMatchObject({
      shares: 1000,
      riskAmount: "20.00",
      positionValue: "20000.00",
      sizeLimitedBy: "buying_power",
    });
    expect(size("5000.00", "1.5", "20.00", "19.98", "1")).toMatchObject({ shares: 250, sizeLimitedBy: "buying_power" });
    // The seed's example is 3×: within the default 4×, sized by risk.
    expect(size("5000.00", "1.5", "150.25", "149.50")).toMatchObject({ shares: 100, sizeLimitedBy: "risk" });
  });

  it("rejects when not one share fits the buying power", () => {
    const limits1x = { ...limits, equity: "100.00", riskPercentage: "5", maxLeverage: 1 };
    expect(reasonFor(pattern({ entry_price: "150.00", stop_loss: "149.00", target_price: "160.00" }), limits1x)).toBe(
      "Buying power too small for one share (100.00 < 150.00 per share)",
    );
  });

  it("never risks more than the budget nor buys more than equity × max_leverage, for every price set", () => {
    const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => new Decimal(n).div(100));
    fc.assert(
      fc.property(
        cents(10_000, 1_000_000_000),
        fc.integer({ min: 10, max: 500 }).map((n) => new Decimal(n).div(100)),
        fc.integer({ min: 1, max: 10 }),
        cents(1, 500_000),
        cents(1, 100_000),
        (equity, riskPercentage, maxLeverage, entry, gap) => {
          const stop = entry.minus(gap);
          fc.pre(stop.gt(0));
          const sized = size(equity.toFixed(2), riskPercentage.toString(), entry.toFixed(2), stop.toFixed(2), String(maxLeverage));
          const budget = equity.times(riskPercentage).div(100);
          expect(new Decimal(sized.shares).times(gap).lte(budget)).toBe(true);
          expect(new Decimal(sized.shares).times(entry).lte(equity.times(maxLeverage))).toBe(true);
          expect(sized.riskAmount).toBe(new Decimal(sized.shares).times(gap).toFixed(2));
          // Maximal: one more share would break one of the two bounds.
          const more = new Decimal(sized.shares + 1);
          expect(more.times(gap).gt(budget) || more.times(entry).gt(equity.times(maxLeverage))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
