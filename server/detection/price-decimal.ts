import { Decimal, toMoneyString } from "@/lib/decimal";

/**
 * The detector's price levels are products of prices and ratios (R × 1.01, S × 0.995 …) and must round
 * the way a person would on paper (98.5 × 0.995 is 98.0075 and rounds up to 98.01): the shared decimal type.
 */
export { Decimal };
export type { Decimal as DecimalType } from "@/lib/decimal";

/** A price as the wire carries it: two places, ties rounded half up ("150.25"). */
export function toPriceString(value: Decimal): string {
  return toMoneyString(value);
}
