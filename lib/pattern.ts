import { z } from "zod";
import { Decimal } from "./decimal";
import { PriceSchema } from "./price";
import { SymbolSchema } from "./symbol";

export const LONG_PATTERNS = ["SPRING", "TEST", "SOS", "LPS"] as const;
export const SHORT_PATTERNS = ["UTAD", "SOW", "LPSY"] as const;
export const PatternTypeSchema = z.enum([...LONG_PATTERNS, ...SHORT_PATTERNS]);
export type PatternType = z.infer<typeof PatternTypeSchema>;
export type Direction = "long" | "short";

export function directionOf(patternType: PatternType): Direction {
  return (LONG_PATTERNS as readonly string[]).includes(patternType) ? "long" : "short";
}

export const TimeframeSchema = z.string().regex(/^[1-9]\d{0,3}[smhdw]$/, "must be a bar size such as 1m, 5m, 1h or 1d");

export const ENTRY_ORDER_TYPES = ["market", "limit", "stop"] as const;
export type EntryOrderType = (typeof ENTRY_ORDER_TYPES)[number];

/**
 * How the trade is entered (issue 21 §2): at the confirming close (`market`), or by a resting `limit` / `stop`
 * order at `price`, valid for `valid_bars` bars of the pattern's timeframe that open after approval.
 */
export const EntryOrderSchema = z.object({
  type: z.enum(ENTRY_ORDER_TYPES),
  price: PriceSchema,
  valid_bars: z.number().int().min(1).max(1000),
});
export type EntryOrder = z.infer<typeof EntryOrderSchema>;

/** A price at two places as entries round (half up), for comparing an order with the pattern's levels. */
function cents(price: string): Decimal {
  return new Decimal(new Decimal(price).toFixed(2, Decimal.ROUND_HALF_UP));
}

/** The order a pattern enters by: its own, else a market order at the entry price valid for one bar. */
export function entryOrderOf(pattern: Pick<Pattern, "entry_price" | "entry_order">): EntryOrder {
  const order = pattern.entry_order ?? { type: "market", price: pattern.entry_price, valid_bars: 1 };
  return { ...order, price: cents(order.price).toFixed(2) };
}

/**
 * Where an entry order may rest (long; short mirrored): a market order at the entry price; a limit at or
 * below the entry and above the stop (a better price on a pull-back); a stop at or above the entry and below
 * the target (a confirmation of strength). Anything else would be filled at once, or only when the trade is
 * already decided. Prices compare after rounding to cents, as the pipeline rounds them.
 */
function entryOrderIssue(
  pattern: Pick<Pattern, "pattern_type" | "entry_price" | "stop_loss" | "target_price">,
  order: EntryOrder,
): string | null {
  const long = directionOf(pattern.pattern_type) === "long";
  const price = cents(order.price);
  const entry = cents(pattern.entry_price);
  const stop = cents(pattern.stop_loss);
  const target = cents(pattern.target_price);
  // Long: better = lower. Short: better = higher. `beyond(a, b)`: a is further in the trade's favour than b.
  const beyond = (a: Decimal, b: Decimal) => (long ? a.gt(b) : a.lt(b));
  if (order.type === "market") return price.eq(entry) ? null : `a market order enters at entry_price ${entry.toFixed(2)}`;
  if (order.type === "limit") {
    if (beyond(price, entry))
      return `a ${long ? "buy" : "sell"} limit must rest at or ${long ? "below" : "above"} entry_price ${entry.toFixed(2)}`;
    if (!beyond(price, stop)) return `a limit must rest ${long ? "above" : "below"} stop_loss ${stop.toFixed(2)}`;
    return null;
  }
  if (beyond(entry, price))
    return `a ${long ? "buy" : "sell"} stop must rest at or ${long ? "above" : "below"} entry_price ${entry.toFixed(2)}`;
  if (!beyond(target, price)) return `a stop entry must rest ${long ? "below" : "above"} target_price ${target.toFixed(2)}`;
  return null;
}

/** The body of POST /api/patterns, and exactly what the built-in detector emits. */
export const PatternSchema = z
  .object({
    symbol: SymbolSchema,
    pattern_type: PatternTypeSchema,
    timeframe: TimeframeSchema,
    detected_at: z.iso.datetime({ offset: true }),
    entry_price: PriceSchema,
    stop_loss: PriceSchema,
    target_price: PriceSchema,
    pattern_quality: z.number().min(0).max(1),
    phase_strength: z.number().min(0).max(1),
    volume_ratio: z.number().min(0).max(1000),
    user_ids: z.array(z.uuid()).min(1).max(10_000).optional(),
    idempotency_key: z.string().min(1).max(200).optional(),
    /** Absent: `{ type: "market", price: entry_price, valid_bars: 1 }`. */
    entry_order: EntryOrderSchema.optional(),
  })
  .superRefine((pattern, context) => {
    if (!pattern.entry_order) return;
    let issue: string | null;
    try {
      issue = entryOrderIssue(pattern, pattern.entry_order);
    } catch {
      return; // a malformed price is reported by its own field's schema
    }
    if (issue) context.addIssue({ code: "custom", path: ["entry_order", "price"], message: issue });
  });
export type Pattern = z.infer<typeof PatternSchema>;

/** One OHLCV bar as POST /api/bars accepts it: t is the open time. */
export const BarSchema = z
  .object({
    t: z.union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()]),
    o: z.number().positive(),
    h: z.number().positive(),
    l: z.number().positive(),
    c: z.number().positive(),
    v: z.number().positive(),
  })
  .refine((bar) => bar.h >= Math.max(bar.o, bar.c, bar.l) && bar.l <= Math.min(bar.o, bar.c), {
    message: "high must be the bar's highest price and low its lowest",
  });
export type BarInput = z.infer<typeof BarSchema>;

export const BarsRequestSchema = z.object({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  bars: z.array(BarSchema).min(1).max(5000),
});
export type BarsRequest = z.infer<typeof BarsRequestSchema>;
