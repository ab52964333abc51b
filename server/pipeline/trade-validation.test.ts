import { describe, expect, it } from "vitest";
import { Decimal } from "@/lib/decimal";
import { positionSize, rMultiple } from "@/lib/money";
import type { Pattern } from "@/lib/pattern";
import { aaplSpring } from "@/tests/support/patterns";
import { belowConfidenceReason, rejectionReason, tradeFacts, type TraderLimits } from "./trade-validation";

const NOW = Date.parse("2026-01-23T10:30:00.000Z");
const limits: TraderLimits = { equity: "5000.00", riskPercentage: "1.5", minRMultiple: 2 };
const pattern = (overrides: Partial<Pattern> = {}): Pattern => aaplSpring({ detected_at: "2026-01-23T10:29:59.500Z", ...overrides });
const reasonFor = (p: Pattern, l = limits, hasRecentDuplicate = false) =>
  rejectionReason(p, tradeFacts(p, l), l, { now: NOW, hasRecentDuplicate });

describe("money", () => {
  it("sizes the AAPL example: 5000.00 at 1.5 % → 100 shares, 75.00 at risk, 15025.00 notional", () => {
    expect(positionSize("5000.00", "1.5", "150.25", "149.50")).toEqual({
      shares: 100,
      riskAmount: "75.00",
      positionValue: "15025.00",
      riskBudget: "75.00",
    });
  });

  it("floors shares and never risks more than the budget", () => {
    // 25000 × 1 % = 250; 250 / 0.75 = 333.33 → 333 shares → 249.75 at risk.
    expect(positionSize("25000.00", "1.0", "150.25", "149.50")).toMatchObject({ shares: 333, riskAmount: "249.75" });
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

  it("words the confidence rejection exactly as SPEC §6", () => {
    expect(belowConfidenceReason(new Decimal("72.00"), 75)).toBe("Below minimum confidence threshold (72% < 75%)");
    expect(belowConfidenceReason(new Decimal("72.50"), 75)).toBe("Below minimum confidence threshold (72.5% < 75%)");
  });
});
