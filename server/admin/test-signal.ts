import { Decimal, toMoneyString } from "@/lib/decimal";
import { directionOf, PatternSchema, type Pattern, type PatternType } from "@/lib/pattern";
import type { TestSignalRequest } from "@/lib/admin-requests";
import type { UserRow } from "../auth/user-store";

// The request body is shared with the browser's API client.
export { TestSignalRequestSchema, type TestSignalRequest } from "@/lib/admin-requests";

export const DEFAULT_TEST_SYMBOL = "TEST";
const DEFAULT_TEST_PATTERN: PatternType = "SPRING";

/** A volume ratio that earns each pattern type the full volume score (contract §6). */
const FULL_VOLUME_RATIO: Record<PatternType, number> = { SPRING: 0.3, TEST: 0.3, SOS: 2.2, SOW: 2.2, LPS: 0.5, LPSY: 0.5, UTAD: 2.6 };

/**
 * A fresh pattern meant to pass every rule for this one user: detected now, perfect quality (confidence
 * 100), a reward-to-risk above the user's minimum and a stop that fits the user's risk budget. The
 * 15-minute duplicate rule still applies: sending the same test twice shows that rejection, truthfully.
 */
export function buildTestPattern(user: UserRow, request: TestSignalRequest, now: number): Pattern {
  const patternType = request.pattern_type ?? DEFAULT_TEST_PATTERN;
  const sign = directionOf(patternType) === "long" ? 1 : -1;
  const entry = new Decimal("100.00");
  // A dollar of risk per share, less when the user's whole risk budget is smaller, so one share fits.
  const budget = new Decimal(user.equity).times(user.risk_percentage).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const risk = Decimal.max("0.01", Decimal.min("1.00", budget));
  const reward = risk.times(Math.max(3, Math.ceil(user.min_r_multiple) + 1));
  return PatternSchema.parse({
    symbol: request.symbol ?? DEFAULT_TEST_SYMBOL,
    pattern_type: patternType,
    timeframe: "5m",
    detected_at: new Date(now).toISOString(),
    entry_price: toMoneyString(entry),
    stop_loss: toMoneyString(entry.minus(risk.times(sign))),
    target_price: toMoneyString(entry.plus(reward.times(sign))),
    pattern_quality: 1,
    phase_strength: 1,
    volume_ratio: FULL_VOLUME_RATIO[patternType],
    user_ids: [user.id],
  });
}
