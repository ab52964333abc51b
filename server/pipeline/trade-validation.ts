import { Decimal } from "@/lib/decimal";
import { type PositionSize, positionSize, rMultiple } from "@/lib/money";
import { type Direction, type Pattern, directionOf } from "@/lib/pattern";

export const STALE_AFTER_MS = 60_000;
export const DUPLICATE_WINDOW_MS = 15 * 60_000;
/** SPEC §6.3: the stop lies at least max(MIN_STOP_DISTANCE, MIN_STOP_DISTANCE_SHARE × entry) from the entry. */
export const MIN_STOP_DISTANCE = "0.01";
export const MIN_STOP_DISTANCE_SHARE = "0.001";

export interface TraderLimits {
  equity: string;
  riskPercentage: string;
  minRMultiple: number;
  /** Buying power = equity × this (the `max_leverage` preference). */
  maxLeverage: number;
}

export interface TradeFacts {
  direction: Direction;
  rMultiple: Decimal;
  size: PositionSize;
}

/** What a (rounded) pattern means for one trader: direction, R-multiple and position size. */
export function tradeFacts(pattern: Pattern, limits: TraderLimits): TradeFacts {
  return {
    direction: directionOf(pattern.pattern_type),
    rMultiple: rMultiple(pattern.entry_price, pattern.stop_loss, pattern.target_price),
    size: positionSize({
      equity: limits.equity,
      riskPercentage: limits.riskPercentage,
      maxLeverage: String(limits.maxLeverage),
      entry: pattern.entry_price,
      stop: pattern.stop_loss,
    }),
  };
}

/** max(0.01, 0.1 % of entry): closer than this, one tick of noise is the whole risk and the size explodes. */
export function minimumStopDistance(entry: Decimal): Decimal {
  return Decimal.max(new Decimal(MIN_STOP_DISTANCE), entry.times(MIN_STOP_DISTANCE_SHARE));
}

/**
 * SPEC §6.3, in order; the first failure is the rejection reason, null when the trade is valid.
 * `hasRecentDuplicate` is looked up for all users of a pattern at once by the caller.
 */
export function rejectionReason(
  pattern: Pattern,
  facts: TradeFacts,
  limits: TraderLimits,
  context: { now: number; hasRecentDuplicate: boolean },
): string | null {
  const entry = new Decimal(pattern.entry_price);
  const stop = new Decimal(pattern.stop_loss);
  const target = new Decimal(pattern.target_price);
  const ordered = facts.direction === "long" ? stop.lt(entry) && entry.lt(target) : target.lt(entry) && entry.lt(stop);
  if (!ordered) {
    return facts.direction === "long"
      ? "Invalid price levels for a long trade: needs stop < entry < target"
      : "Invalid price levels for a short trade: needs target < entry < stop";
  }
  const distance = entry.minus(stop).abs();
  const minimum = minimumStopDistance(entry);
  if (distance.lt(minimum)) return `Stop too close to entry (${distance.toFixed(2)} < ${shownMinimum(distance, minimum)})`;
  const minR = new Decimal(String(limits.minRMultiple));
  // Compared before rounding (issue 21 §3): 1.995 shows as 2.00 but is below a 2.00 minimum, so it says "1.995".
  const exactR = target.minus(entry).abs().div(distance);
  if (exactR.lt(minR))
    return `R-multiple below minimum (${facts.rMultiple.lt(minR) ? facts.rMultiple.toFixed(2) : exactR.toString()} < ${minR.toFixed(2)})`;
  if (facts.size.riskShares < 1) return `Risk budget too small for one share (${facts.size.riskBudget} < ${distance.toFixed(2)} per share)`;
  if (facts.size.buyingPowerShares < 1) {
    const buyingPower = new Decimal(limits.equity).times(String(limits.maxLeverage)).toFixed(2);
    return `Buying power too small for one share (${buyingPower} < ${entry.toFixed(2)} per share)`;
  }
  if (context.now - Date.parse(pattern.detected_at) > STALE_AFTER_MS) return "stale";
  if (context.hasRecentDuplicate) return "duplicate";
  return null;
}

/**
 * The minimum as two places (0.15025 → "0.15", SPEC's wording), unless those two places would read as
 * equal to the distance ("0.15 < 0.15"): then every digit, so the message never contradicts itself.
 */
function shownMinimum(distance: Decimal, minimum: Decimal): string {
  const twoPlaces = minimum.toFixed(2);
  return new Decimal(twoPlaces).gt(distance) ? twoPlaces : minimum.toString();
}

/** The exact text SPEC §6 asks for: "Below minimum confidence threshold (72% < 75%)". */
export function belowConfidenceReason(score: Decimal, minimum: number): string {
  return `Below minimum confidence threshold (${score.toString()}% < ${new Decimal(String(minimum)).toString()}%)`;
}
