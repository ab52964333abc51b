import { type Grade, gradeForHundredths } from "@/lib/grade";
import { type SizeLimit, riskBudgetText, rMultipleHundredths, sizeInCents, type SizingTrader } from "@/lib/money";
import { type Direction, type Pattern, directionOf } from "@/lib/pattern";
import { compareScaled, formatCents, formatUnits, plainString, type Scaled, scaledOf, smallScaledOf } from "@/lib/scaled-decimal";
import { confidenceHundredths, volumeScoreHundredths } from "./confidence";
import {
  belowConfidenceText,
  buyingPowerReason,
  exactRBelow,
  priceLevelReason,
  rBelowMinimumReason,
  rFlooredText,
  riskBudgetReason,
  STALE_AFTER_MS,
} from "./trade-validation";

/*
 * Issue 20 item 2: everything contract §6 derives from the pattern alone is computed once per pattern
 * (preparePattern); per user only the sizing and the user's thresholds remain (judgeForUser), in integer cents.
 */

/** Below this a value in hundredths is a decimal of at most 15 digits: its double compares exactly (see docs/money.md). */
const EXACT_AS_DOUBLE = 10n ** 15n;

/** A rounded pattern's per-pattern facts; strings are exactly what the signal row and notification carry. */
export interface PreparedPattern {
  direction: Direction;
  entryCents: number;
  /** |entry − stop| and |target − entry| in cents. */
  perShareCents: number;
  rewardCents: number;
  /** The entry and |entry − stop| as "150.25" and "0.75". */
  entryText: string;
  distanceText: string;
  /** The price-side and stop-distance rules (contract §6.3's first two): their reason, null when both hold. */
  priceReason: string | null;
  /** r_multiple as "3.33"; compared against the user's minimum at these two places. */
  rMultiple: string;
  /** confidence_score as "92.50", its grade, and volume_score as "1.00". */
  confidenceScore: string;
  confidenceGrade: Grade;
  volumeScore: string;
  /** detected_at in epoch ms, for the 60 s staleness rule. */
  detectedAt: number;
  /** For the threshold comparisons: the values as doubles when that is exact, else null (then BigInt). */
  rValue: number | null;
  rExact: Scaled;
  confidenceValue: number | null;
  confidenceExact: Scaled;
}

/** A user's settings as judgeForUser reads them (the users row, renamed as TraderLimits has them). */
export interface UserTerms extends SizingTrader {
  minRMultiple: number;
  minConfidence: number;
}

/** One user's answer for a prepared pattern: the signal row's decision and size fields. */
export interface UserVerdict {
  /** The rejection reason (contract §6 wording), null when approved. */
  reason: string | null;
  shares: number;
  /** risk_amount and position_value as "75.00". */
  riskAmount: string;
  positionValue: string;
  sizeLimitedBy: SizeLimit;
}

function centsOfRounded(field: string, text: string): number {
  const value = smallScaledOf(text);
  if (!value || value.scale > 2) throw new RangeError(`${field} ${text} is not in cents: round the pattern's prices first (roundPrices)`);
  return value.scale === 2 ? value.units : value.units * (value.scale === 1 ? 10 : 100);
}

/** The per-pattern half of contract §6 for a pattern whose prices roundPrices has already put in cents. */
export function preparePattern(pattern: Pattern): PreparedPattern {
  const direction = directionOf(pattern.pattern_type);
  const entryCents = centsOfRounded("entry_price", pattern.entry_price);
  const stopCents = centsOfRounded("stop_loss", pattern.stop_loss);
  const targetCents = centsOfRounded("target_price", pattern.target_price);
  const perShareCents = Math.abs(entryCents - stopCents);
  const rewardCents = Math.abs(targetCents - entryCents);
  const rFast = rHundredthsOf(entryCents, perShareCents, rewardCents);
  const r = typeof rFast === "number" ? BigInt(rFast) : rFast;
  const volume = volumeScoreHundredths(pattern.pattern_type, pattern.volume_ratio);
  const confidence = confidenceHundredths(pattern.pattern_quality, pattern.phase_strength, { units: BigInt(volume), scale: 2 });
  const ordered =
    direction === "long" ? stopCents < entryCents && entryCents < targetCents : targetCents < entryCents && entryCents < stopCents;
  // max(0.01, 0.1 % of entry) in cents × 1000; a product past 2^53 is far above any entry, so the test holds.
  const farEnough = ordered && !(perShareCents * 1000 < Math.max(1000, entryCents));
  const cents = (n: number): Scaled => ({ units: BigInt(n), scale: 2 });
  return {
    direction,
    entryCents,
    perShareCents,
    rewardCents,
    entryText: formatCents(entryCents),
    distanceText: formatCents(perShareCents),
    priceReason: farEnough ? null : priceLevelReason(direction, cents(entryCents), cents(stopCents), cents(targetCents)),
    rMultiple: formatUnits(r, 2),
    confidenceScore: formatUnits(confidence, 2),
    confidenceGrade: gradeForHundredths(Number(confidence)),
    volumeScore: formatCents(volume),
    detectedAt: Date.parse(pattern.detected_at),
    rValue: r < EXACT_AS_DOUBLE ? Number(r) / 100 : null,
    rExact: { units: r, scale: 2 },
    confidenceValue: confidence < EXACT_AS_DOUBLE && confidence > -EXACT_AS_DOUBLE ? Number(confidence) / 100 : null,
    confidenceExact: { units: confidence, scale: 2 },
  };
}

/** |target − entry| / |entry − stop| in hundredths, half up, as a number while 100 × reward is safe. */
function rHundredthsOf(entryCents: number, perShareCents: number, rewardCents: number): number | bigint {
  if (perShareCents === 0) return 0;
  const top = rewardCents * 100;
  if (top > Number.MAX_SAFE_INTEGER) {
    return rMultipleHundredths(
      { units: BigInt(entryCents), scale: 2 },
      { units: BigInt(entryCents - perShareCents), scale: 2 },
      { units: BigInt(entryCents + rewardCents), scale: 2 },
    );
  }
  const rest = top % perShareCents;
  return (top - rest) / perShareCents + (2 * rest >= perShareCents ? 1 : 0);
}

/**
 * `value < threshold` where the threshold is read as decimal.js read String(threshold). With `value` a
 * decimal of at most 15 digits (as a double), comparing the doubles gives the same answer (docs/money.md).
 */
function below(value: number | null, exact: Scaled, threshold: number): boolean {
  if (value !== null) return value < threshold;
  // Infinity and NaN have no decimal text; decimal.js compared them as the doubles do.
  if (!Number.isFinite(threshold)) return threshold === Infinity;
  return compareScaled(exact, scaledOf(threshold)) < 0;
}

/**
 * The unrounded R below the minimum (issue 21), for prices already on the right sides (perShareCents > 0).
 * The double quotient is within 2^−52 of R and the minimum's double within 2^−53 of its text, so a gap of
 * 10^−12 relative decides; only closer calls take BigInt.
 */
function rBelow(prepared: PreparedPattern, minimum: number): boolean {
  const r = prepared.rewardCents / prepared.perShareCents;
  if (r < minimum * (1 - 1e-12)) return true;
  if (r > minimum * (1 + 1e-12)) return false;
  return exactRBelow(BigInt(prepared.rewardCents), BigInt(prepared.perShareCents), minimum);
}

/**
 * The per-user half of contract §6: size, then the rules in SPEC order (price levels, stop distance, minimum R,
 * one share within the risk budget and within the buying power, stale, duplicate), then the confidence minimum.
 */
export function judgeForUser(
  prepared: PreparedPattern,
  user: UserTerms,
  context: { now: number; hasRecentDuplicate: boolean },
): UserVerdict {
  const size = sizeInCents(prepared.entryCents, prepared.perShareCents, user);
  let reason = prepared.priceReason;
  if (reason !== null) {
    // Rejected on the prices alone: nothing else to check.
  } else if (rBelow(prepared, user.minRMultiple)) {
    const shownR = below(prepared.rValue, prepared.rExact, user.minRMultiple)
      ? prepared.rMultiple
      : rFlooredText(BigInt(prepared.rewardCents), BigInt(prepared.perShareCents));
    reason = rBelowMinimumReason(shownR, user.minRMultiple);
  } else if (size.riskShares < 1) {
    reason = riskBudgetReason(riskBudgetText(user.equity, user.riskPercentage), prepared.distanceText);
  } else if (size.buyingPowerShares < 1) {
    reason = buyingPowerReason(user, prepared.entryText);
  } else if (context.now - prepared.detectedAt > STALE_AFTER_MS) {
    reason = "stale";
  } else if (context.hasRecentDuplicate) {
    reason = "duplicate";
  } else if (below(prepared.confidenceValue, prepared.confidenceExact, user.minConfidence)) {
    reason = belowConfidenceText(plainString(prepared.confidenceExact), user.minConfidence);
  }
  return {
    reason,
    shares: size.shares,
    riskAmount: formatCents(size.riskAmountCents),
    positionValue: formatCents(size.positionValueCents),
    sizeLimitedBy: size.sizeLimitedBy,
  };
}
