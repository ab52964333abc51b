import type { BarInput } from "@/lib/pattern";

/** One closed OHLCV bar as the detector reads it; `time` is the bar's open time in epoch milliseconds. */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type TimeUnit = keyof typeof UNIT_MS;

/** Length of one bar of `timeframe` ("30s", "5m", "1h", "1d", "1w") in milliseconds. */
export function timeframeMs(timeframe: string): number {
  const match = /^([1-9]\d{0,3})([smhdw])$/.exec(timeframe);
  const count = match?.[1];
  const unit = match?.[2] as TimeUnit | undefined;
  if (count === undefined || unit === undefined) {
    throw new RangeError(`timeframe "${timeframe}" must be a bar size such as 1m, 5m, 1h or 1d`);
  }
  return Number(count) * UNIT_MS[unit];
}

/** The bar's close time in epoch ms: the moment it became a closed bar the detector may use. */
export function barCloseTime(bar: Bar, timeframe: string): number {
  return bar.time + timeframeMs(timeframe);
}

/**
 * Converts wire bars (`{ t, o, h, l, c, v }`, t as ISO string or epoch ms) to detector bars, oldest first.
 * Out-of-order input is sorted; when two bars share an open time the later one in the input wins,
 * because a re-sent bar is a correction of the earlier one.
 */
export function normalizeBars(bars: readonly BarInput[], timeframe: string): Bar[] {
  timeframeMs(timeframe); // validates the timeframe; bars of an unknown size cannot be timed
  const byTime = new Map<number, Bar>();
  bars.forEach((input, position) => {
    const time = typeof input.t === "number" ? input.t : Date.parse(input.t);
    if (!Number.isFinite(time)) {
      throw new RangeError(`bar ${position}: time ${JSON.stringify(input.t)} is not an ISO-8601 date or epoch milliseconds`);
    }
    byTime.set(time, { time, open: input.o, high: input.h, low: input.l, close: input.c, volume: input.v });
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
