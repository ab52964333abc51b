import { Decimal } from "@/lib/decimal";
import {
  LPS_ENTRY_ABOVE_RESISTANCE,
  LPS_STOP_BELOW_RESISTANCE,
  LPSY_ENTRY_BELOW_SUPPORT,
  LPSY_STOP_BUFFER,
  PROJECTION_K_CONSERVATIVE,
  PROJECTION_K_TIERS,
  SOS_STOP_BELOW_RESISTANCE,
  SOW_STOP_ABOVE_SUPPORT,
  SPRING_STOP_BASE_BUFFER,
  SPRING_STOP_BUFFER_PER_PENETRATION,
  TEST_ENTRY_ABOVE_SUPPORT,
  TEST_STOP_BUFFER,
  UTAD_STOP_BASE_BUFFER,
  UTAD_STOP_BUFFER_PER_OVERSHOOT,
} from "../wyckoff-constants";

/** Entry, stop and target of one event, unrounded. */
export interface PriceLevels {
  entry: Decimal;
  stop: Decimal;
  target: Decimal;
}

/** The boundaries every level is measured from. */
export interface RangeBounds {
  /** S and R: the volume-weighted levels the trader sees; targets and entries project from them. */
  support: Decimal;
  resistance: Decimal;
  /** S_min and R_max: the extreme pivots a spring's penetration and a UTAD's overshoot are measured from. */
  floor: Decimal;
  ceiling: Decimal;
}

/** The prices of the bar that confirmed an event: an entry must be one of the prices it traded. */
export interface ConfirmingBar {
  low: number;
  high: number;
  close: number;
}

/** k of the range projection R + k × (R − S) for a range of `rangeBars` bars. */
export function projectionK(rangeBars: number): number {
  const tier = PROJECTION_K_TIERS.find((candidate) => rangeBars >= candidate.minBars);
  return tier ? tier.k : PROJECTION_K_CONSERVATIVE;
}

/** How far a low pierces below S, as a fraction of S. */
export function penetrationBelow(support: Decimal, low: number): Decimal {
  return support.minus(low).div(support);
}

/** How far a high overshoots R, as a fraction of R. */
export function overshootAbove(resistance: Decimal, high: number): Decimal {
  return new Decimal(high).minus(resistance).div(resistance);
}

/** SPRING: buy the close that reclaims S, stop below the spring low (more room for a deeper spring), target R. */
export function springLevels(bounds: RangeBounds, springLow: number, reclaimClose: number): PriceLevels {
  const buffer = penetrationBelow(bounds.floor, springLow).times(SPRING_STOP_BUFFER_PER_PENETRATION).plus(SPRING_STOP_BASE_BUFFER);
  return {
    entry: new Decimal(reclaimClose),
    stop: new Decimal(springLow).times(new Decimal(1).minus(buffer)),
    // The table's "R first, then the range projection": a pattern carries one target, the first.
    target: bounds.resistance,
  };
}

/** TEST: buy at S × 1.005, stop below the spring low, target R. */
export function testLevels(bounds: RangeBounds, springLow: number): PriceLevels {
  return {
    entry: grow(bounds.support, TEST_ENTRY_ABOVE_SUPPORT),
    stop: grow(new Decimal(springLow), -TEST_STOP_BUFFER),
    target: bounds.resistance,
  };
}

/** SOS: buy the breakout close, stop R × 0.95, target R + k × (R − S). */
export function sosLevels(bounds: RangeBounds, breakoutClose: number, rangeBars: number): PriceLevels {
  return {
    entry: new Decimal(breakoutClose),
    stop: grow(bounds.resistance, -SOS_STOP_BELOW_RESISTANCE),
    target: projectUp(bounds, rangeBars),
  };
}

/**
 * LPS: buy at R × 1.01 if the confirming bar traded there, else at its close (a pullback that held higher
 * never comes back to R × 1.01: an entry there would be a price the market never offered); stop R × 0.97,
 * target R + k × (R − S).
 */
export function lpsLevels(bounds: RangeBounds, rangeBars: number, confirm: ConfirmingBar): PriceLevels {
  return {
    entry: tradedOrClose(grow(bounds.resistance, LPS_ENTRY_ABOVE_RESISTANCE), confirm),
    stop: grow(bounds.resistance, -LPS_STOP_BELOW_RESISTANCE),
    target: projectUp(bounds, rangeBars),
  };
}

/** UTAD: sell the close back below R, stop above the UTAD high (more room for a bigger overshoot), target S. */
export function utadLevels(bounds: RangeBounds, utadHigh: number, returnClose: number): PriceLevels {
  const buffer = overshootAbove(bounds.ceiling, utadHigh).times(UTAD_STOP_BUFFER_PER_OVERSHOOT).plus(UTAD_STOP_BASE_BUFFER);
  return {
    entry: new Decimal(returnClose),
    stop: new Decimal(utadHigh).times(new Decimal(1).plus(buffer)),
    // "S, then the projection": one target, the first.
    target: bounds.support,
  };
}

/** SOW: sell the close of the bar that confirmed the breakdown, stop S × 1.05, target S − k × (R − S). */
export function sowLevels(bounds: RangeBounds, breakdownClose: number, rangeBars: number): PriceLevels {
  return {
    entry: new Decimal(breakdownClose),
    stop: grow(bounds.support, SOW_STOP_ABOVE_SUPPORT),
    target: projectDown(bounds, rangeBars),
  };
}

/** LPSY: sell at S × 0.99 if the confirming bar traded there, else at its close; stop above the rally high, target S − k × (R − S). */
export function lpsyLevels(bounds: RangeBounds, rallyHigh: number, rangeBars: number, confirm: ConfirmingBar): PriceLevels {
  return {
    entry: tradedOrClose(grow(bounds.support, -LPSY_ENTRY_BELOW_SUPPORT), confirm),
    stop: grow(new Decimal(rallyHigh), LPSY_STOP_BUFFER),
    target: projectDown(bounds, rangeBars),
  };
}

function projectUp(bounds: RangeBounds, rangeBars: number): Decimal {
  return bounds.resistance.plus(bounds.resistance.minus(bounds.support).times(projectionK(rangeBars)));
}

function projectDown(bounds: RangeBounds, rangeBars: number): Decimal {
  return bounds.support.minus(bounds.resistance.minus(bounds.support).times(projectionK(rangeBars)));
}

/** value × (1 + ratio), with the 1 + ratio done in decimals so 1 − 0.005 is exactly 0.995. */
function grow(value: Decimal, ratio: number): Decimal {
  return value.times(new Decimal(1).plus(ratio));
}

/** `level` if the bar traded it (low ≤ level ≤ high), otherwise the bar's close. */
function tradedOrClose(level: Decimal, bar: ConfirmingBar): Decimal {
  return level.gte(bar.low) && level.lte(bar.high) ? level : new Decimal(bar.close);
}
