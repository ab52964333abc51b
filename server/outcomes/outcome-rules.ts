import { Decimal, type DecimalValue } from "@/lib/decimal";
import { timeframeMs } from "../detection/bar";

/** contract §8: the shortest time a signal is watched before it times out. */
export const OUTCOME_TIMEOUT_MS = 24 * 60 * 60 * 1000;
/** Issue 21 §2: a timeout also waits at least this many bars of the signal's own timeframe. */
export const TIMEOUT_BARS = 50;
/** Issue 21 §2: the scratch band (±0.10 R) is shared with the browser's badge, so it lives in lib/. */
export { SCRATCH_HUNDREDTHS } from "@/lib/market-outcome";

/** How long a signal of `timeframe` is watched: 50 of its bars, at least 24 hours (1m…28m: 24 h; 1h: 50 h; 1d: 50 d). */
export function outcomeTimeoutMs(timeframe: string): number {
  return Math.max(OUTCOME_TIMEOUT_MS, TIMEOUT_BARS * timeframeMs(timeframe));
}

/**
 * An exit's distance from the fill in R, in hundredths, half up: (exit − fill) / (order price − stop). The
 * risk unit is the planned one (the order's price to the stop), so a worse fill or exit than planned shows as
 * R beyond −1 (a stop gapped through: −1.47). The same formula holds for shorts, whose stop lies above.
 */
export function rHundredthsAt(exit: DecimalValue, fill: DecimalValue, planned: DecimalValue, stop: DecimalValue): number {
  const risk = new Decimal(planned).minus(stop);
  if (risk.isZero()) return 0;
  return new Decimal(exit).minus(fill).div(risk).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** Hundredths of R as the wire's number with two places: −100 → −1, 333 → 3.33. */
export function rFromHundredths(hundredths: number): number {
  return new Decimal(hundredths).div(100).toNumber();
}
