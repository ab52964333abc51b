import { directionOf, type Pattern } from "@/lib/pattern";
import { formatUnits, parseScaled, type Rounding, roundScaled, textToCents } from "@/lib/scaled-decimal";
import { InvalidInputError, type InputIssue } from "./invalid-input";

const PRICE_FIELDS = ["entry_price", "stop_loss", "target_price"] as const;

/**
 * contract §6.2: prices to cents before anything else, never in the trader's disfavour. Entry and target round
 * half up; the stop rounds away from the entry (long: down, short: up), so the risk per share the trader is
 * shown is never smaller than the real one. A price that rounds to 0.00 is bad input. Exact on the decimal
 * text (up to 8 places by PriceSchema), once per pattern.
 */
export function roundPrices<T extends Pattern>(pattern: T): T {
  const stopRounding = directionOf(pattern.pattern_type) === "long" ? "down" : "up";
  const cents = {
    entry_price: toCents(pattern.entry_price, "half_up"),
    stop_loss: toCents(pattern.stop_loss, stopRounding),
    target_price: toCents(pattern.target_price, "half_up"),
  };
  const issues: InputIssue[] = PRICE_FIELDS.filter((field) => cents[field] === 0 || cents[field] === 0n).map((field) => ({
    path: field,
    message: `${pattern[field]} rounds to 0.00 at two places`,
  }));
  if (issues.length > 0) throw new InvalidInputError("A price rounds to 0.00", issues);
  return {
    ...pattern,
    entry_price: formatUnits(cents.entry_price, 2),
    stop_loss: formatUnits(cents.stop_loss, 2),
    target_price: formatUnits(cents.target_price, 2),
  };
}

/** Cents as a number for PriceSchema's plain text, BigInt for anything else decimal.js would have read. */
function toCents(text: string, rounding: Exclude<Rounding, "floor">): number | bigint {
  return textToCents(text, rounding) ?? roundScaled(parseScaled(text), 2, rounding);
}
