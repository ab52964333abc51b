import type { AnalyzedBar } from "../bar-window";
import {
  SOS_MIN_CLOSE_ABOVE_RESISTANCE,
  SOS_MIN_CLOSE_POSITION,
  SOS_MIN_VOLUME,
  SOW_MAX_CLOSE_POSITION,
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

/** SOS bar: close ≥ R × 1.01 on vol ≥ 1.5, a wide bar closing in its top 30 %. */
export function isSignOfStrength(bar: AnalyzedBar, resistance: number): boolean {
  return (
    bar.close >= resistance * (1 + SOS_MIN_CLOSE_ABOVE_RESISTANCE) &&
    bar.relVolume !== undefined &&
    bar.relVolume >= SOS_MIN_VOLUME &&
    isWideBar(bar) &&
    closePosition(bar) >= SOS_MIN_CLOSE_POSITION
  );
}

/** SOW bar: close < S on vol ≥ 1.5, a wide down bar closing in its lower 30 %. */
export function isSignOfWeakness(bar: AnalyzedBar, support: number): boolean {
  return (
    bar.close < support &&
    bar.close < bar.open &&
    bar.relVolume !== undefined &&
    bar.relVolume >= SOW_MIN_VOLUME &&
    isWideBar(bar) &&
    closePosition(bar) <= SOW_MAX_CLOSE_POSITION
  );
}
