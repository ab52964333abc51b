import type { Bar } from "./bar";
import { findPivots, relativeVolume } from "./indicators";
import { Decimal } from "@/lib/decimal";
import {
  RANGE_CLUSTER_TOLERANCE,
  RANGE_MAX_EXCURSION,
  RANGE_MIN_BARS,
  RANGE_MIN_TOUCHES_PER_SIDE,
  RANGE_MIN_WIDTH,
  RANGE_QUALITY_IDEAL_BARS,
  RANGE_QUALITY_IDEAL_TOUCHES,
  RANGE_QUALITY_NEUTRAL_VOLUME,
  RANGE_QUALITY_WEIGHTS,
} from "./wyckoff-constants";

/** Float screening may be this far off the exact decimal check that follows it. */
const FLOAT_SLACK = 1e-9;

/** A pivot that touched a range boundary. */
export interface Touch {
  /** Stream index of the pivot bar. */
  index: number;
  /** The pivot's low (support side) or high (resistance side). */
  price: number;
  volume: number;
  /** Relative volume of the pivot bar, when there was enough history. */
  relVolume: number | undefined;
  /** Its relative volume per time of day (AnalyzedBar.sessionVolume), what range quality compares. */
  sessionVolume: number | undefined;
}

/** A trading range: support and resistance with the pivot touches they were computed from. */
export interface TradingRange {
  /** S: volume-weighted mean of the clustered pivot lows. */
  support: Decimal;
  /** R: volume-weighted mean of the clustered pivot highs. */
  resistance: Decimal;
  /** Pivot lows in the support cluster, oldest first. */
  supportTouches: readonly Touch[];
  /** Pivot highs in the resistance cluster, oldest first. */
  resistanceTouches: readonly Touch[];
  /** Stream index of the first touch: where the range begins. */
  startIndex: number;
}

export type RangeSide = "support" | "resistance";

/** Volume-weighted mean price of the touches (a plain mean if they carry no volume). */
export function volumeWeightedMean(touches: readonly Touch[]): Decimal {
  let weighted = new Decimal(0);
  let volume = new Decimal(0);
  for (const touch of touches) {
    weighted = weighted.plus(new Decimal(touch.price).times(touch.volume));
    volume = volume.plus(touch.volume);
  }
  if (volume.isZero()) {
    const sum = touches.reduce((acc, touch) => acc.plus(touch.price), new Decimal(0));
    return sum.div(Math.max(touches.length, 1));
  }
  return weighted.div(volume);
}

/** Whether `price` can join the cluster and keep every member within the cluster tolerance of each other. */
export function fitsCluster(cluster: readonly Touch[], price: number): boolean {
  let min = price;
  let max = price;
  for (const touch of cluster) {
    min = Math.min(min, touch.price);
    max = Math.max(max, touch.price);
  }
  return max <= min * (1 + RANGE_CLUSTER_TOLERANCE);
}

/** Bars the range has lasted before `index`: from its first touch up to, not including, that bar. */
export function rangeLength(range: TradingRange, index: number): number {
  return index - range.startIndex;
}

/**
 * The longest valid trading range as of the last bar of `bars`, from the pivots given.
 * `bars[k]` has stream index `firstIndex + k`; touches carry stream indices and must be oldest first.
 * Rules (wyckoff.md): ≥ 2 pivot touches per side within 2 % of each other, touches of the two sides
 * interleaved (so a trend's rising lows and highs do not pass for a range), width ≥ 3 %, ≥ 10 bars,
 * the last close inside [S, R] and no bar since the first touch beyond either side by more than 5 %.
 */
export function findTradingRange(input: {
  highs: readonly Touch[];
  lows: readonly Touch[];
  bars: readonly Bar[];
  firstIndex: number;
}): TradingRange | undefined {
  const { highs, lows, bars, firstIndex } = input;
  const last = bars[bars.length - 1];
  if (last === undefined) return undefined;
  const currentIndex = firstIndex + bars.length - 1;
  const starts = [...new Set([...highs, ...lows].map((touch) => touch.index))].sort((a, b) => a - b);

  // Oldest start first: the first start that yields a valid range gives the longest one.
  for (const start of starts) {
    const sideHighs = highs.filter((touch) => touch.index >= start);
    const sideLows = lows.filter((touch) => touch.index >= start);
    if (sideHighs.length < RANGE_MIN_TOUCHES_PER_SIDE || sideLows.length < RANGE_MIN_TOUCHES_PER_SIDE) break;

    // R is the cluster around the highest pivot, S the cluster around the lowest one.
    const top = Math.max(...sideHighs.map((touch) => touch.price));
    const bottom = Math.min(...sideLows.map((touch) => touch.price));
    const resistanceTouches = sideHighs.filter((touch) => touch.price * (1 + RANGE_CLUSTER_TOLERANCE) >= top);
    const supportTouches = sideLows.filter((touch) => touch.price <= bottom * (1 + RANGE_CLUSTER_TOLERANCE));
    if (resistanceTouches.length < RANGE_MIN_TOUCHES_PER_SIDE || supportTouches.length < RANGE_MIN_TOUCHES_PER_SIDE) continue;

    const firstHigh = resistanceTouches[0];
    const lastHigh = resistanceTouches[resistanceTouches.length - 1];
    const firstLow = supportTouches[0];
    const lastLow = supportTouches[supportTouches.length - 1];
    if (!firstHigh || !lastHigh || !firstLow || !lastLow) continue;
    if (!(firstHigh.index < lastLow.index && firstLow.index < lastHigh.index)) continue;

    // Screen in floats (this runs for every start on every bar); decimals only for the range returned.
    const s = floatWeightedMean(supportTouches);
    const r = floatWeightedMean(resistanceTouches);
    if ((r - s) / s < RANGE_MIN_WIDTH * (1 - FLOAT_SLACK)) continue;

    const startIndex = Math.min(firstHigh.index, firstLow.index);
    if (currentIndex - startIndex + 1 < RANGE_MIN_BARS) continue;
    if (last.close < s * (1 - FLOAT_SLACK) || last.close > r * (1 + FLOAT_SLACK)) continue;
    if (!containedSince(bars, startIndex - firstIndex, s, r)) continue;

    const support = volumeWeightedMean(supportTouches);
    const resistance = volumeWeightedMean(resistanceTouches);
    if (resistance.minus(support).div(support).lt(RANGE_MIN_WIDTH)) continue;
    if (new Decimal(last.close).lt(support) || new Decimal(last.close).gt(resistance)) continue;
    return { support, resistance, supportTouches, resistanceTouches, startIndex };
  }
  return undefined;
}

/** Trading range of a plain series as of its last bar, using only pivots already confirmed there. */
export function detectTradingRange(bars: readonly Bar[]): TradingRange | undefined {
  const pivots = findPivots(bars);
  const touch = (index: number, price: (bar: Bar) => number): Touch => {
    const bar = bars[index] as Bar;
    // A plain series has no timeframe, so no time-of-day slots: the moving-average relative volume stands in.
    const relVolume = relativeVolume(bars, index);
    return { index, price: price(bar), volume: bar.volume, relVolume, sessionVolume: relVolume };
  };
  return findTradingRange({
    highs: pivots.highs.map((index) => touch(index, (bar) => bar.high)),
    lows: pivots.lows.map((index) => touch(index, (bar) => bar.low)),
    bars,
    firstIndex: 0,
  });
}

/** S_min: the lowest support pivot. Springs and breakdowns are judged against it, not against the mean S. */
export function rangeFloor(range: TradingRange): number {
  return Math.min(...range.supportTouches.map((touch) => touch.price));
}

/** R_max: the highest resistance pivot. Upthrusts and breakouts are judged against it, not against the mean R. */
export function rangeCeiling(range: TradingRange): number {
  return Math.max(...range.resistanceTouches.map((touch) => touch.price));
}

/**
 * A later pivot that lands inside the range (between S_min and R_max) and within the cluster tolerance of a
 * side counts as one more touch of it. A pivot beyond S_min or R_max is not a touch: it is a spring or an upthrust.
 */
export function acceptsTouch(range: TradingRange, side: RangeSide, touch: Touch): boolean {
  if (side === "support") {
    return touch.price >= rangeFloor(range) && fitsCluster(range.supportTouches, touch.price);
  }
  return touch.price <= rangeCeiling(range) && fitsCluster(range.resistanceTouches, touch.price);
}

/** The range with one more touch on `side`, S or R recomputed. */
export function withTouch(range: TradingRange, side: RangeSide, touch: Touch): TradingRange {
  if (side === "support") {
    const supportTouches = [...range.supportTouches, touch];
    return { ...range, supportTouches, support: volumeWeightedMean(supportTouches) };
  }
  const resistanceTouches = [...range.resistanceTouches, touch];
  return { ...range, resistanceTouches, resistance: volumeWeightedMean(resistanceTouches) };
}

/**
 * Range quality 0–1 as of bar `index`, for an event on `side` of the range: longer ranges, more touches, tighter
 * clusters and volume that falls on later tests of that side score higher (weights in RANGE_QUALITY_WEIGHTS).
 * Springs, tests, SOWs and LPSYs act on support; UTADs, SOSs and LPSs on resistance (issue 21: the volume part
 * reads the event's own side, in relative volume per time of day).
 */
export function rangeQuality(range: TradingRange, index: number, side: RangeSide): number {
  const length = Math.min(1, rangeLength(range, index) / RANGE_QUALITY_IDEAL_BARS);
  const touchCount = range.supportTouches.length + range.resistanceTouches.length;
  const touches = Math.min(1, touchCount / RANGE_QUALITY_IDEAL_TOUCHES);
  const tightness = (clusterTightness(range.supportTouches) + clusterTightness(range.resistanceTouches)) / 2;
  const fallingVolume = fallingVolumeShare(side === "support" ? range.supportTouches : range.resistanceTouches);
  const w = RANGE_QUALITY_WEIGHTS;
  return w.length * length + w.touches * touches + w.tightness * tightness + w.fallingVolume * fallingVolume;
}

/** 1 for touches at one price, 0 for touches spread over the whole tolerance. */
function clusterTightness(touches: readonly Touch[]): number {
  const prices = touches.map((touch) => touch.price);
  const spread = Math.max(...prices) / Math.min(...prices) - 1;
  return Math.max(0, 1 - spread / RANGE_CLUSTER_TOLERANCE);
}

/**
 * Share of consecutive touch pairs where the later touch came on less volume, compared as relative volume per
 * time of day (a touch at the open is not "heavier" than one at lunch just for the hour); raw volume only when
 * either touch has no relative volume yet.
 */
function fallingVolumeShare(touches: readonly Touch[]): number {
  let pairs = 0;
  let falling = 0;
  for (let i = 1; i < touches.length; i++) {
    const before = touches[i - 1];
    const after = touches[i];
    if (!before || !after) continue;
    pairs += 1;
    const relative = before.sessionVolume !== undefined && after.sessionVolume !== undefined;
    if (relative ? (after.sessionVolume ?? 0) < (before.sessionVolume ?? 0) : after.volume < before.volume) falling += 1;
  }
  return pairs === 0 ? RANGE_QUALITY_NEUTRAL_VOLUME : falling / pairs;
}

function floatWeightedMean(touches: readonly Touch[]): number {
  let weighted = 0;
  let volume = 0;
  for (const touch of touches) {
    weighted += touch.price * touch.volume;
    volume += touch.volume;
  }
  return volume > 0 ? weighted / volume : touches.reduce((sum, touch) => sum + touch.price, 0) / Math.max(touches.length, 1);
}

function containedSince(bars: readonly Bar[], from: number, support: number, resistance: number): boolean {
  const floor = support * (1 - RANGE_MAX_EXCURSION);
  const ceiling = resistance * (1 + RANGE_MAX_EXCURSION);
  for (let i = Math.max(0, from); i < bars.length; i++) {
    const bar = bars[i];
    if (bar && (bar.low < floor || bar.high > ceiling)) return false;
  }
  return true;
}
