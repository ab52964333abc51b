import { Decimal } from "@/lib/decimal";
import {
  LPS_STOP_BELOW_RESISTANCE,
  LPSY_STOP_BUFFER,
  PROJECTION_K_CONSERVATIVE,
  PROJECTION_K_TIERS,
  SOS_STOP_BELOW_RESISTANCE,
  SOW_STOP_ABOVE_SUPPORT,
  SPRING_STOP_BASE_BUFFER,
  SPRING_STOP_BUFFER_PER_PENETRATION,
  TEST_ENTRY_ABOVE_SUPPORT,
  TEST_ENTRY_VALID_BARS,
  TEST_STOP_BUFFER,
  UTAD_STOP_BASE_BUFFER,
  UTAD_STOP_BUFFER_PER_OVERSHOOT,
} from "../wyckoff-constants";

/**
 * How the entry is reached when it is not the confirming bar's close: a limit or stop order at `entry`, good for
 * `validBars` bars after the confirming one. Absent: the entry is that close (a market order at it).
 */
export interface EntryOrder {
  type: "limit" | "stop";
  validBars: number;
}

/** Entry, stop and target of one event, unrounded. */
export interface PriceLevels {
  entry: Decimal;
  stop: Decimal;
  target: Decimal;
  order?: EntryOrder;
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

/** The bar that confirmed an event: the event exists at its close, so that close is the only price a market entry gets. */
export interface ConfirmingBar {
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

/**
 * TEST: buy at S × 1.005, stop below the spring low, target R. The confirming bar closed elsewhere, so S × 1.005
 * is an order for the bars after it: a buy limit when the close is above it (wait for the dip), a buy stop when
 * below (buy once price rises through it), valid for TEST_ENTRY_VALID_BARS bars; at exactly the close, the close.
 */
export function testLevels(bounds: RangeBounds, springLow: number, confirm: ConfirmingBar): PriceLevels {
  const entry = grow(bounds.support, TEST_ENTRY_ABOVE_SUPPORT);
  const close = new Decimal(confirm.close);
  const order: EntryOrder | undefined = entry.eq(close)
    ? undefined
    : { type: close.gt(entry) ? "limit" : "stop", validBars: TEST_ENTRY_VALID_BARS };
  return {
    entry,
    stop: grow(new Decimal(springLow), -TEST_STOP_BUFFER),
    target: bounds.resistance,
    ...(order ? { order } : {}),
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
 * LPS: buy the confirming bar's close (the event exists only then: a price inside that bar, such as R × 1.01,
 * was offered before anyone could know), stop R × 0.97, target R + k × (R − S).
 */
export function lpsLevels(bounds: RangeBounds, rangeBars: number, confirm: ConfirmingBar): PriceLevels {
  return {
    entry: new Decimal(confirm.close),
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

/** LPSY: sell the confirming bar's close (as LPS), stop above the rally high, target S − k × (R − S). */
export function lpsyLevels(bounds: RangeBounds, rallyHigh: number, rangeBars: number, confirm: ConfirmingBar): PriceLevels {
  return {
    entry: new Decimal(confirm.close),
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
