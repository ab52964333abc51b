import { Decimal } from "@/lib/decimal";
import { buyingPowerText, type PositionSize, positionSize, rMultiple } from "@/lib/money";
import { type Direction, type Pattern, directionOf } from "@/lib/pattern";
import { compareScaled, formatUnits, plainString, pow10, roundScaled, type Scaled, scaledOf, unitsAt } from "@/lib/scaled-decimal";

export const STALE_AFTER_MS = 60_000;
export const DUPLICATE_WINDOW_MS = 15 * 60_000;
/** contract §6.3: the stop lies at least max(MIN_STOP_DISTANCE, MIN_STOP_DISTANCE_SHARE × entry) from the entry. */
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
  return new Decimal(plainString(minimumStopDistanceOf(scaledOf(entry))));
}

/** max(0.01, entry × 0.001) exactly: three places more than the entry has. */
function minimumStopDistanceOf(entry: Scaled): Scaled {
  const scale = entry.scale + 3;
  const floor = pow10(entry.scale + 1);
  return { units: entry.units > floor ? entry.units : floor, scale };
}

/**
 * contract §6.3's rules that depend on the pattern alone, in order: the prices on the right side for the
 * direction, then the stop distance. Null when both hold. Exact for prices of any scale.
 */
export function priceLevelReason(direction: Direction, entry: Scaled, stop: Scaled, target: Scaled): string | null {
  const scale = Math.max(entry.scale, stop.scale, target.scale);
  const e = unitsAt(entry, scale);
  const s = unitsAt(stop, scale);
  const t = unitsAt(target, scale);
  const ordered = direction === "long" ? s < e && e < t : t < e && e < s;
  if (!ordered) {
    return direction === "long"
      ? "Invalid price levels for a long trade: needs stop < entry < target"
      : "Invalid price levels for a short trade: needs target < entry < stop";
  }
  const distance: Scaled = { units: e > s ? e - s : s - e, scale };
  const minimum = minimumStopDistanceOf({ units: e, scale });
  if (compareScaled(distance, minimum) >= 0) return null;
  // The minimum as two places (0.15025 → "0.15", SPEC's wording), unless those two places would read as
  // equal to the distance ("0.15 < 0.15"): then every digit, so the message never contradicts itself.
  const twoPlaces: Scaled = { units: roundScaled(minimum, 2, "half_up"), scale: 2 };
  const shown = compareScaled(twoPlaces, distance) > 0 ? formatUnits(twoPlaces.units, 2) : plainString(minimum);
  return `Stop too close to entry (${twoPlacesOf(distance)} < ${shown})`;
}

/** decimal.js toFixed(2) of an exact value: two places, half up. */
export function twoPlacesOf(value: Scaled): string {
  return formatUnits(roundScaled(value, 2, "half_up"), 2);
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/**
 * reward / risk < minimum, exactly, before R is rounded for display (issue 21: an R of 1.995 shows as 2.00 but
 * fails a 2.00 minimum). reward and risk in the same units, risk > 0; the minimum read as decimal.js reads
 * String(minimum), so Infinity is above every R and NaN below none.
 */
export function exactRBelow(reward: bigint, risk: bigint, minimum: number): boolean {
  if (!Number.isFinite(minimum)) return minimum === Infinity;
  const m = scaledOf(minimum);
  return reward * pow10(m.scale) < m.units * risk;
}

/** R floored to three places ("1.995"): shown when its two-place text would not read below the minimum. */
export function rFlooredText(reward: bigint, risk: bigint): string {
  return formatUnits((reward * 1000n) / risk, 3);
}

/** "R-multiple below minimum (1.67 < 2.00)": the user's minimum shown at two places, half up, as decimal.js did. */
export function rBelowMinimumReason(rMultipleText: string, minRMultiple: number): string {
  const minimum = Number.isFinite(minRMultiple) ? twoPlacesOf(scaledOf(minRMultiple)) : String(minRMultiple);
  return `R-multiple below minimum (${rMultipleText} < ${minimum})`;
}

/** "Risk budget too small for one share (75.00 < 100.00 per share)". */
export function riskBudgetReason(riskBudget: string, distanceText: string): string {
  return `Risk budget too small for one share (${riskBudget} < ${distanceText} per share)`;
}

/** "Buying power too small for one share (100.00 < 150.00 per share)": equity × max_leverage, two places. */
export function buyingPowerReason(limits: Pick<TraderLimits, "equity" | "maxLeverage">, entryText: string): string {
  return `Buying power too small for one share (${buyingPowerText(limits.equity, String(limits.maxLeverage))} < ${entryText} per share)`;
}

/**
 * contract §6.3, in order; the first failure is the rejection reason, null when the trade is valid.
 * `hasRecentDuplicate` is looked up for all users of a pattern at once by the caller.
 */
export function rejectionReason(
  pattern: Pattern,
  facts: TradeFacts,
  limits: TraderLimits,
  context: { now: number; hasRecentDuplicate: boolean },
): string | null {
  const entry = scaledOf(pattern.entry_price);
  const stop = scaledOf(pattern.stop_loss);
  const target = scaledOf(pattern.target_price);
  const levels = priceLevelReason(facts.direction, entry, stop, target);
  if (levels) return levels;
  const scale = Math.max(entry.scale, stop.scale, target.scale);
  const risk = abs(unitsAt(entry, scale) - unitsAt(stop, scale));
  const reward = abs(unitsAt(target, scale) - unitsAt(entry, scale));
  if (exactRBelow(reward, risk, limits.minRMultiple)) {
    const twoPlacesBelow = Number.isFinite(limits.minRMultiple)
      ? compareScaled(scaledOf(facts.rMultiple), scaledOf(limits.minRMultiple)) < 0
      : facts.rMultiple.lt(limits.minRMultiple);
    return rBelowMinimumReason(twoPlacesBelow ? facts.rMultiple.toFixed(2) : rFlooredText(reward, risk), limits.minRMultiple);
  }
  if (facts.size.riskShares < 1) return riskBudgetReason(facts.size.riskBudget, twoPlacesOf({ units: risk, scale }));
  if (facts.size.buyingPowerShares < 1) return buyingPowerReason(limits, twoPlacesOf(entry));
  if (context.now - Date.parse(pattern.detected_at) > STALE_AFTER_MS) return "stale";
  if (context.hasRecentDuplicate) return "duplicate";
  return null;
}

/** The exact text contract §6 asks for: "Below minimum confidence threshold (72% < 75%)". */
export function belowConfidenceReason(score: Decimal, minimum: number): string {
  return belowConfidenceText(score.toString(), minimum);
}

/**
 * The same from the score's shortest text ("72.5"). String(minimum) is what decimal.js showed for
 * String(minimum): both write a double's shortest digits, with an exponent below 1e-6 and from 1e21.
 */
export function belowConfidenceText(scoreText: string, minimum: number): string {
  return `Below minimum confidence threshold (${scoreText}% < ${String(minimum)}%)`;
}
