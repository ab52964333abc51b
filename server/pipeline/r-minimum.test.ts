import { describe, expect, it } from "vitest";
import type { Pattern } from "@/lib/pattern";
import { rejectionReason, tradeFacts, type TraderLimits } from "./trade-validation";

/* Issue 21 §3: the R-multiple is held against the trader's minimum before it is rounded for display. */

const limits: TraderLimits = { equity: "100000.00", riskPercentage: "1.00", minRMultiple: 2, maxLeverage: 4 };

function reasonFor(entry: string, stop: string, target: string): string | null {
  const pattern: Pattern = {
    symbol: "AAPL",
    pattern_type: "SPRING",
    timeframe: "5m",
    detected_at: new Date(0).toISOString(),
    entry_price: entry,
    stop_loss: stop,
    target_price: target,
    pattern_quality: 0.8,
    phase_strength: 0.8,
    volume_ratio: 0.5,
  };
  return rejectionReason(pattern, tradeFacts(pattern, limits), limits, { now: 0, hasRecentDuplicate: false });
}

describe("R-multiple minimum", () => {
  it("rejects 1.995 against 2.00, though it shows as 2.00", () => {
    // Risk 2.00, reward 3.99: R = 1.995, which rounds half up to 2.00.
    expect(reasonFor("100.00", "98.00", "103.99")).toBe("R-multiple below minimum (1.995 < 2.00)");
  });

  it("accepts exactly 2.00 and keeps the two-place wording for a clear miss", () => {
    expect(reasonFor("100.00", "98.00", "104.00")).toBeNull();
    expect(reasonFor("100.00", "98.00", "103.00")).toBe("R-multiple below minimum (1.50 < 2.00)");
  });
});
