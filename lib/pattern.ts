import { z } from "zod";
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

/** The body of POST /api/patterns, and exactly what the built-in detector emits. */
export const PatternSchema = z.object({
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
