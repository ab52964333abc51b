import type { Pattern } from "@/lib/pattern";
import { judgeForUser, preparePattern, type UserTerms } from "@/server/pipeline/prepared-pattern";
import { roundPrices } from "@/server/pipeline/price-rounding";
import { aaplSpring } from "./patterns";

/** Half a second after the example AAPL spring was detected: fresh, never stale. */
export const JUDGED_AT = Date.parse("2026-01-23T10:30:00.000Z");

/** The contract's example trader: 5000.00 equity, 1.5 % risk, 4× leverage, minimum 2 R and 70 confidence. */
export const EXAMPLE_TRADER: UserTerms = { equity: "5000.00", riskPercentage: "1.5", maxLeverage: 4, minRMultiple: 2, minConfidence: 70 };

/** The integer pipeline's verdict on the example AAPL spring with `overrides`, for the example trader with `terms`. */
export function judgeAapl(overrides: Partial<Pattern>, terms: Partial<UserTerms> = {}) {
  return judgeForUser(
    preparePattern(roundPrices(aaplSpring({ detected_at: "2026-01-23T10:29:59.500Z", ...overrides }))),
    { ...EXAMPLE_TRADER, ...terms },
    { now: JUDGED_AT, hasRecentDuplicate: false },
  );
}
