import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeForUser, preparePattern } from "@/server/pipeline/prepared-pattern";
import { roundPrices } from "@/server/pipeline/price-rounding";
import { rejectionReason, tradeFacts } from "@/server/pipeline/trade-validation";
import { aaplSpring } from "@/tests/support/patterns";
import { refEvaluate, refRejectionReason, refTradeFacts, type RefTrader } from "@/tests/support/decimal-reference";
import { judgeAapl } from "@/tests/support/judge-aapl";

/*
 * Issue 21 §3: the R-multiple is held against the user's minimum before it is rounded for display, in the integer
 * path (preparePattern/judgeForUser), the old rejectionReason export and the decimal reference alike
 * (tests/integer-money.test.ts proves the three agree everywhere else).
 */

const NOW = Date.parse("2026-01-23T10:30:00.000Z");
const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

describe("R against the minimum before rounding (issue 21)", () => {
  const judge = judgeAapl;

  it("fails 1.995 against 2.00 and passes exactly 2.00", () => {
    // Risk 2.00, reward 3.99: R = 1.995, which shows as 2.00 at two places, so the reason shows three.
    expect(judge({ entry_price: "100.00", stop_loss: "98.00", target_price: "103.99" }).reason).toBe(
      "R-multiple below minimum (1.995 < 2.00)",
    );
    expect(judge({ entry_price: "100.00", stop_loss: "98.00", target_price: "104.00" }).reason).toBeNull();
    // Short: risk 3.00, reward 5.99 → 1.99666…, floored to 1.996; 6.00 is exactly 2.
    expect(
      judge({ pattern_type: "UTAD", volume_ratio: 2.5, entry_price: "100.00", stop_loss: "103.00", target_price: "94.01" }).reason,
    ).toBe("R-multiple below minimum (1.996 < 2.00)");
    expect(
      judge({ pattern_type: "UTAD", volume_ratio: 2.5, entry_price: "100.00", stop_loss: "103.00", target_price: "94.00" }).reason,
    ).toBeNull();
    // A clear miss keeps the two-place wording.
    expect(judge({ entry_price: "100.00", stop_loss: "98.00", target_price: "103.98" }).reason).toBe(
      "R-multiple below minimum (1.99 < 2.00)",
    );
    // A minimum with three places is compared exactly and shown at two, half up.
    expect(judge({ entry_price: "100.00", stop_loss: "98.00", target_price: "104.00" }, { minRMultiple: 2.005 }).reason).toBe(
      "R-multiple below minimum (2.00 < 2.01)",
    );
    expect(judge({ entry_price: "100.00", stop_loss: "98.00", target_price: "104.01" }, { minRMultiple: 2.005 }).reason).toBeNull();
  });

  it("words the 1.995 case the same through the old rejectionReason export and the decimal reference", () => {
    const limits = { equity: "5000.00", riskPercentage: "1.5", maxLeverage: 4, minRMultiple: 2 };
    const context = { now: NOW, hasRecentDuplicate: false };
    for (const [target, reason] of [
      ["103.99", "R-multiple below minimum (1.995 < 2.00)"],
      ["104.00", null],
    ] as const) {
      const rounded = roundPrices(
        aaplSpring({ entry_price: "100.00", stop_loss: "98.00", target_price: target, detected_at: "2026-01-23T10:29:59.500Z" }),
      );
      expect(rejectionReason(rounded, tradeFacts(rounded, limits), limits, context)).toBe(reason);
      expect(refRejectionReason(rounded, refTradeFacts(rounded, limits), limits, context)).toBe(reason);
    }
  });
  it("agrees with the decimal reference where R is just under a two-place minimum and reads as it", () => {
    let threePlaces = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 1000 }),
        (riskCents, minHundredths, under) => {
          // reward / risk from minimum − 0.005 up to the minimum itself, on a long trade at entry = risk + 1.00.
          const reward = Math.floor((minHundredths * riskCents) / 100) - Math.floor((under * riskCents) / 200_000);
          if (reward < 1) return;
          const entry = riskCents + 100;
          const rounded = aaplSpring({
            detected_at: new Date(NOW).toISOString(),
            entry_price: cents(entry),
            stop_loss: cents(entry - riskCents),
            target_price: cents(entry + reward),
          });
          const user: RefTrader = {
            equity: "1000000.00",
            riskPercentage: "1",
            maxLeverage: 4,
            minRMultiple: minHundredths / 100,
            minConfidence: 0,
          };
          const context = { now: NOW, hasRecentDuplicate: false };
          const expected = refEvaluate(rounded, user, context).reason;
          expect(judgeForUser(preparePattern(rounded), user, context).reason).toBe(expected);
          if (expected !== null && /^R-multiple below minimum \(\d+\.\d{3} /.test(expected)) threePlaces += 1;
        },
      ),
      { numRuns: 2000 },
    );
    expect(threePlaces).toBeGreaterThan(200);
  });
});
