import DecimalBase from "decimal.js";

/** decimal.js configured for money: plenty of precision, ties round half up as traders expect. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = DecimalBase;
/** Anything decimal.js accepts: a decimal string, a number, or a Decimal. */
export type DecimalValue = DecimalBase.Value;

/** Two places, half up, as a string: "75.00". */
export function toMoneyString(value: DecimalValue): string {
  return new Decimal(value).toFixed(2, DecimalBase.ROUND_HALF_UP);
}
