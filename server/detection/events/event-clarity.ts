import type { AnalyzedBar } from "../bar-window";
import {
  BREAKOUT_CLARITY_FULL_SPREAD_ATR,
  EVENT_CLARITY_SHARE,
  OFF_IDEAL_CLARITY,
  RANGE_QUALITY_SHARE,
  SCORE_DECIMALS,
  SOS_MIN_CLOSE_POSITION,
  SOW_MAX_CLOSE_POSITION,
  WIDE_BAR_ATR_MULTIPLE,
} from "../wyckoff-constants";
import { closePosition } from "./breakout-bars";

/*
 * How clean one event bar is, 0.5–1. An event that passed its rules never scores below 0.5: the rules
 * already decided it is an event; clarity only ranks clean ones above borderline ones. Clarity reads the
 * bar's spread and where it closed, never its volume: volume_ratio already feeds the score's volume part,
 * and counting it twice would let volume decide two thirds of the confidence.
 */

/** Spring or UTAD: full marks inside the ideal 1–2 % band, otherwise OFF_IDEAL_CLARITY. */
export function probeClarity(depth: number, idealMin: number, idealMax: number): number {
  return depth >= idealMin && depth <= idealMax ? 1 : OFF_IDEAL_CLARITY;
}

const unit = (value: number) => Math.min(1, Math.max(0, value));

/**
 * SOS (up) or SOW (down): wider than the minimum (1.2 ATR, full marks at BREAKOUT_CLARITY_FULL_SPREAD_ATR)
 * and closing nearer its extreme than the minimum asks (top / bottom 30 %, full marks at the very end).
 */
export function breakoutClarity(bar: AnalyzedBar, direction: "up" | "down"): number {
  const atr = bar.atrBefore ?? 0;
  const spread =
    atr > 0 ? unit(((bar.high - bar.low) / atr - WIDE_BAR_ATR_MULTIPLE) / (BREAKOUT_CLARITY_FULL_SPREAD_ATR - WIDE_BAR_ATR_MULTIPLE)) : 0;
  const position = closePosition(bar);
  const close =
    direction === "up"
      ? unit((position - SOS_MIN_CLOSE_POSITION) / (1 - SOS_MIN_CLOSE_POSITION))
      : unit((SOW_MAX_CLOSE_POSITION - position) / SOW_MAX_CLOSE_POSITION);
  return 0.5 + 0.25 * spread + 0.25 * close;
}

/**
 * TEST and LPS (support holding, "up") or LPSY (supply holding, "down"): a narrow bar (spread below the
 * ATR before it) that closes away from the side being tested is a cleaner test than a wide one that closes on it.
 */
export function quietBarClarity(bar: AnalyzedBar, direction: "up" | "down"): number {
  const atr = bar.atrBefore ?? 0;
  const narrow = atr > 0 ? unit(1 - (bar.high - bar.low) / atr) : 0;
  const position = closePosition(bar);
  return 0.5 + 0.25 * narrow + 0.25 * (direction === "up" ? position : 1 - position);
}

/** pattern_quality: range quality as the base, event clarity on top, rounded to two places. */
export function patternQuality(rangeQualityScore: number, clarity: number): number {
  return roundScore(RANGE_QUALITY_SHARE * rangeQualityScore + EVENT_CLARITY_SHARE * clarity);
}

/** A 0–1 score rounded for the wire. */
export function roundScore(value: number): number {
  const factor = 10 ** SCORE_DECIMALS;
  return Math.round(Math.min(1, Math.max(0, value)) * factor) / factor;
}
