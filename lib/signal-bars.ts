import { z } from "zod";

const Price = z.string().regex(/^\d+\.\d{2}$/);

/** One OHLCV bar as GET /api/signals/:id/bars answers it: the same `{ t, o, h, l, c, v }` POST /api/bars takes, t as ISO-8601 open time. */
export const ChartBarSchema = z.object({
  t: z.iso.datetime({ precision: 3 }),
  o: z.number().positive(),
  h: z.number().positive(),
  l: z.number().positive(),
  c: z.number().positive(),
  v: z.number().nonnegative(),
});
export type ChartBar = z.infer<typeof ChartBarSchema>;

/**
 * The answer of GET /api/signals/:id/bars: the bars that produced the signal (oldest first) and the levels to draw.
 * `bars` is empty when the server kept no bar history for the signal: nothing is ever made up to fill it.
 */
export const SignalBarsSchema = z.object({
  signal_id: z.uuid(),
  symbol: z.string(),
  timeframe: z.string(),
  direction: z.enum(["long", "short"]),
  levels: z.object({ entry_price: Price, stop_loss: Price, target_price: Price }),
  bars: z.array(ChartBarSchema),
});
export type SignalBars = z.infer<typeof SignalBarsSchema>;
