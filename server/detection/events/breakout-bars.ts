import type { AnalyzedBar } from "../bar-window";
import {
  SOS_MIN_CLOSE_ABOVE_RESISTANCE,
  SOS_MIN_CLOSE_POSITION,
  SOS_MIN_VOLUME,
  SOW_MAX_CLOSE_POSITION,
  SOW_MIN_CLOSE_BELOW_SUPPORT,
  SOW_MIN_VOLUME,
  WIDE_BAR_ATR_MULTIPLE,
} from "../wyckoff-constants";

/** Where the close sits in the bar's spread: 0 at the low, 1 at the high. */
export function closePosition(bar: AnalyzedBar): number {
  const spread = bar.high - bar.low;
  return spread > 0 ? (bar.close - bar.low) / spread : 0.5;
}

/** Whether the bar is wide: spread ≥ 1.2 × the ATR of the bars before it. */
export function isWideBar(bar: AnalyzedBar): boolean {
  return bar.atrBefore !== undefined && bar.high - bar.low >= WIDE_BAR_ATR_MULTIPLE * bar.atrBefore;
}

/**
 * SOS bar: close ≥ R_max × 1.01 on vol ≥ 1.5, a wide bar closing in its top 30 %. Judged against the extreme
 * R_max, not the mean R (issue 21 §3): a close 1 % over the mean can still be inside the range. It is only a
 * candidate: BreakoutWatch confirms it once the UTAD window has passed without a close back below R.
 */
export function isSignOfStrength(bar: AnalyzedBar, levels: { ceiling: number }): boolean {
  return (
    bar.close >= levels.ceiling * (1 + SOS_MIN_CLOSE_ABOVE_RESISTANCE) &&
    bar.relVolume !== undefined &&
    bar.relVolume >= SOS_MIN_VOLUME &&
    isWideBar(bar) &&
    closePosition(bar) >= SOS_MIN_CLOSE_POSITION
  );
}

/**
 * SOW bar: a decisive close ≤ S_min × 0.99 on vol ≥ 1.5, a wide down bar closing in its lower 30 %. It is only a
 * candidate: the detector confirms it once the spring window has passed without a reclaim.
 */
export function isSignOfWeakness(bar: AnalyzedBar, levels: { floor: number }): boolean {
  return (
    bar.close <= levels.floor * (1 - SOW_MIN_CLOSE_BELOW_SUPPORT) &&
    bar.close < bar.open &&
    bar.relVolume !== undefined &&
    bar.relVolume >= SOW_MIN_VOLUME &&
    isWideBar(bar) &&
    closePosition(bar) <= SOW_MAX_CLOSE_POSITION
  );
}
