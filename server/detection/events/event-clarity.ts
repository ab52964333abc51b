import {
  BREAKOUT_CLARITY_VOLUME_SPAN,
  EVENT_CLARITY_SHARE,
  OFF_IDEAL_CLARITY,
  RANGE_QUALITY_SHARE,
  SCORE_DECIMALS,
} from "../wyckoff-constants";

/*
 * How clean one event bar is, 0.5–1. An event that passed its rules never scores below 0.5: the rules
 * already decided it is an event; clarity only ranks clean ones above borderline ones.
 */

/** Spring or UTAD: full marks inside the ideal 1–2 % band, otherwise OFF_IDEAL_CLARITY. */
export function probeClarity(depth: number, idealMin: number, idealMax: number): number {
  return depth >= idealMin && depth <= idealMax ? 1 : OFF_IDEAL_CLARITY;
}

/** SOS or SOW: climbs from 0.5 at the minimum relative volume to 1 at BREAKOUT_CLARITY_VOLUME_SPAN above it. */
export function breakoutClarity(relVolume: number, minimum: number): number {
  const excess = Math.min(1, Math.max(0, (relVolume - minimum) / BREAKOUT_CLARITY_VOLUME_SPAN));
  return 0.5 + 0.5 * excess;
}

/** A quieter bar than the one it follows up on (TEST after spring, LPS after SOS, LPSY against its cap) is cleaner. */
export function quietClarity(volume: number, reference: number): number {
  if (reference <= 0) return OFF_IDEAL_CLARITY;
  return 1 - 0.5 * Math.min(1, Math.max(0, volume / reference));
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
