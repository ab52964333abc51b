import type { Bar } from "./bar";
import { ATR_PERIOD, PIVOT_SPAN, RELATIVE_VOLUME_LOOKBACK } from "./wyckoff-constants";

/** Volume of bars[index] divided by the mean volume of the `lookback` bars before it; undefined without enough history. */
export function relativeVolume(bars: readonly Bar[], index: number, lookback = RELATIVE_VOLUME_LOOKBACK): number | undefined {
  const bar = bars[index];
  if (bar === undefined || index < lookback) return undefined;
  let sum = 0;
  for (let i = index - lookback; i < index; i++) sum += bars[i]?.volume ?? 0;
  const mean = sum / lookback;
  return mean > 0 ? bar.volume / mean : undefined;
}

/** True range of bars[index]: the bar's spread widened to include a gap from the previous close. */
export function trueRange(bars: readonly Bar[], index: number): number {
  const bar = bars[index];
  if (bar === undefined) throw new RangeError(`no bar at index ${index}`);
  const previous = bars[index - 1];
  if (previous === undefined) return bar.high - bar.low;
  return Math.max(bar.high - bar.low, Math.abs(bar.high - previous.close), Math.abs(bar.low - previous.close));
}

/**
 * Average true range of the `period` bars ending at `index` (inclusive); undefined without enough history.
 * A plain mean over a fixed window rather than Wilder's smoothing: the value then depends only on those
 * bars, so a streamed series and a batch over a different start give the same answer.
 */
export function averageTrueRange(bars: readonly Bar[], index: number, period = ATR_PERIOD): number | undefined {
  // Every true range in the window needs the close before it.
  if (index < period || index >= bars.length) return undefined;
  let sum = 0;
  for (let i = index - period + 1; i <= index; i++) sum += trueRange(bars, i);
  return sum / period;
}

/**
 * Whether bars[index] is a pivot high: higher than each of the `span` bars before it and at least as high
 * as each of the `span` bars after it (on a flat top the first bar is the pivot). Needs `span` bars after it,
 * so a pivot is known only `span` bars later.
 */
export function isPivotHigh(bars: readonly Bar[], index: number, span = PIVOT_SPAN): boolean {
  return isPivot(bars, index, span, (bar) => bar.high, 1);
}

/** Whether bars[index] is a pivot low: the mirror of isPivotHigh. */
export function isPivotLow(bars: readonly Bar[], index: number, span = PIVOT_SPAN): boolean {
  return isPivot(bars, index, span, (bar) => bar.low, -1);
}

/** Indices of all pivot highs and lows that are already confirmed in `bars`. */
export function findPivots(bars: readonly Bar[], span = PIVOT_SPAN): { highs: number[]; lows: number[] } {
  const highs: number[] = [];
  const lows: number[] = [];
  for (let i = span; i + span < bars.length; i++) {
    if (isPivotHigh(bars, i, span)) highs.push(i);
    if (isPivotLow(bars, i, span)) lows.push(i);
  }
  return { highs, lows };
}

function isPivot(bars: readonly Bar[], index: number, span: number, price: (bar: Bar) => number, sign: 1 | -1): boolean {
  const center = bars[index];
  if (center === undefined || index < span || index + span >= bars.length) return false;
  const value = sign * price(center);
  for (let offset = 1; offset <= span; offset++) {
    const before = bars[index - offset];
    const after = bars[index + offset];
    if (before === undefined || after === undefined) return false;
    if (sign * price(before) >= value) return false;
    if (sign * price(after) > value) return false;
  }
  return true;
}
