import { Decimal, type DecimalValue } from "@/lib/decimal";

/** SPEC §8: an approved signal with neither level reached 24 hours after approval times out. */
export const OUTCOME_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * A close's distance from entry in R, in hundredths, half up: (close − entry) / (entry − stop). The same
 * formula holds for shorts, whose stop lies above the entry, so a falling price is a positive R for them.
 */
export function rHundredthsAt(close: DecimalValue, entry: DecimalValue, stop: DecimalValue): number {
  const risk = new Decimal(entry).minus(stop);
  if (risk.isZero()) return 0;
  return new Decimal(close).minus(entry).div(risk).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** Hundredths of R as the wire's number with two places: −100 → −1, 333 → 3.33. */
export function rFromHundredths(hundredths: number): number {
  return new Decimal(hundredths).div(100).toNumber();
}
