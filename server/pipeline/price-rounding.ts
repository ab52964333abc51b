import { Decimal } from "@/lib/decimal";
import { directionOf, type Pattern } from "@/lib/pattern";
import { InvalidInputError, type InputIssue } from "./invalid-input";

const PRICE_FIELDS = ["entry_price", "stop_loss", "target_price"] as const;

/**
 * SPEC §6.2: prices to cents before anything else, never in the trader's disfavour. Entry and target round
 * half up; the stop rounds away from the entry (long: down, short: up), so the risk per share the trader is
 * shown is never smaller than the real one. A price that rounds to 0.00 is bad input.
 */
export function roundPrices<T extends Pattern>(pattern: T): T {
  const stopMode = directionOf(pattern.pattern_type) === "long" ? Decimal.ROUND_DOWN : Decimal.ROUND_UP;
  const rounded = {
    entry_price: new Decimal(pattern.entry_price).toFixed(2, Decimal.ROUND_HALF_UP),
    stop_loss: new Decimal(pattern.stop_loss).toFixed(2, stopMode),
    target_price: new Decimal(pattern.target_price).toFixed(2, Decimal.ROUND_HALF_UP),
  };
  const issues: InputIssue[] = PRICE_FIELDS.filter((field) => new Decimal(rounded[field]).isZero()).map((field) => ({
    path: field,
    message: `${pattern[field]} rounds to 0.00 at two places`,
  }));
  if (issues.length > 0) throw new InvalidInputError("A price rounds to 0.00", issues);
  return { ...pattern, ...rounded };
}
