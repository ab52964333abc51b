import { Decimal } from "@/lib/decimal";
import { type PositionSize, positionSize, rMultiple } from "@/lib/money";
import { type Direction, type Pattern, directionOf } from "@/lib/pattern";

export const STALE_AFTER_MS = 60_000;
export const DUPLICATE_WINDOW_MS = 15 * 60_000;

export interface TraderLimits {
  equity: string;
  riskPercentage: string;
  minRMultiple: number;
}

export interface TradeFacts {
  direction: Direction;
  rMultiple: Decimal;
  size: PositionSize;
}

/** What a pattern means for one trader: direction, R-multiple and position size. */
export function tradeFacts(pattern: Pattern, limits: TraderLimits): TradeFacts {
  return {
    direction: directionOf(pattern.pattern_type),
    rMultiple: rMultiple(pattern.entry_price, pattern.stop_loss, pattern.target_price),
    size: positionSize(limits.equity, limits.riskPercentage, pattern.entry_price, pattern.stop_loss),
  };
}

/**
 * SPEC §6 rule 2, in order; the first failure is the rejection reason, null when the trade is valid.
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
  const minR = new Decimal(String(limits.minRMultiple));
  if (facts.rMultiple.lt(minR)) return `R-multiple below minimum (${facts.rMultiple.toFixed(2)} < ${minR.toFixed(2)})`;
  if (facts.size.shares < 1) {
    return `Risk budget too small for one share (${facts.size.riskBudget} < ${entry.minus(stop).abs().toFixed(2)} per share)`;
  }
  if (context.now - Date.parse(pattern.detected_at) > STALE_AFTER_MS) return "stale";
  if (context.hasRecentDuplicate) return "duplicate";
  return null;
}

/** The exact text SPEC §6 asks for: "Below minimum confidence threshold (72% < 75%)". */
export function belowConfidenceReason(score: Decimal, minimum: number): string {
  return `Below minimum confidence threshold (${score.toString()}% < ${new Decimal(String(minimum)).toString()}%)`;
}
