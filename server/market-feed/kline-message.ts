import { z } from "zod";
import { SymbolSchema } from "@/lib/symbol";
import { TimeframeSchema, type BarInput } from "@/lib/pattern";

/*
 * Binance's public kline/candlestick WebSocket stream, as its API documentation gives it: a raw stream
 * (`/ws/<symbol>@kline_<interval>`) sends the event itself, a combined stream (`/stream?streams=…`) wraps it
 * as { stream, data }. Prices and volumes are decimal strings; `x` is true on the kline's last update, once closed.
 */

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, "must be a decimal string");

export const KlineEventSchema = z.object({
  e: z.literal("kline"),
  /** Event time, epoch ms. */
  E: z.number().int(),
  s: z.string(),
  k: z.object({
    /** Open and close time of the kline, epoch ms. */
    t: z.number().int(),
    T: z.number().int(),
    s: z.string(),
    /** Interval: 1m, 3m, 5m, 15m, 30m, 1h, … 1d, 3d, 1w, 1M. */
    i: z.string(),
    o: decimalString,
    c: decimalString,
    h: decimalString,
    l: decimalString,
    /** Base asset volume. */
    v: decimalString,
    /** Whether this kline is closed. */
    x: z.boolean(),
  }),
});

const StreamMessageSchema = z.union([KlineEventSchema, z.object({ stream: z.string(), data: KlineEventSchema })]);

/** One closed bar from the stream, in the shape POST /api/bars takes. */
export interface FeedBar {
  symbol: string;
  timeframe: string;
  bar: BarInput;
}

export type KlineReading = { kind: "bar"; value: FeedBar } | { kind: "open" } | { kind: "skip"; reason: string };

/**
 * Reads one text frame of the stream: a closed kline becomes a bar; an update of a kline still forming is
 * "open" (the desk uses only closed bars); anything else is skipped with the reason, never thrown.
 */
export function readKlineMessage(text: string): KlineReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "skip", reason: "not JSON" };
  }
  const parsed = StreamMessageSchema.safeParse(json);
  if (!parsed.success) return { kind: "skip", reason: "not a kline event" };
  const { k } = "data" in parsed.data ? parsed.data.data : parsed.data;
  if (!k.x) return { kind: "open" };
  const symbol = SymbolSchema.safeParse(k.s.toUpperCase());
  const timeframe = TimeframeSchema.safeParse(k.i);
  if (!symbol.success || !timeframe.success) return { kind: "skip", reason: `symbol ${k.s} or interval ${k.i} not supported` };
  const bar = { t: k.t, o: Number(k.o), h: Number(k.h), l: Number(k.l), c: Number(k.c), v: Number(k.v) };
  // A kline without trades has volume 0, which POST /api/bars refuses: nothing happened, so nothing to read.
  if (!(bar.v > 0) || !(bar.l > 0)) return { kind: "skip", reason: "kline without trades" };
  return { kind: "bar", value: { symbol: symbol.data, timeframe: timeframe.data, bar } };
}
