import { directionOf, PatternSchema, type Pattern, type PatternType } from "@/lib/pattern";
import type { PriceLevels } from "./events/event-levels";
import { Decimal, toMoneyString } from "@/lib/decimal";
import { MAX_VOLUME_RATIO, PRICE_DECIMALS, SCORE_DECIMALS } from "./wyckoff-constants";

/** What the detector knows about one confirmed event, before it becomes the wire body. */
export interface PatternDraft {
  type: PatternType;
  levels: PriceLevels;
  /** Close time of the bar that confirmed the event, epoch ms. */
  detectedAt: number;
  quality: number;
  phase: number;
  /** Relative volume of the event bar. */
  volumeRatio: number;
}

/**
 * The entry order of POST /api/patterns (the field lib/pattern.ts adds alongside this change): how entry_price is
 * reached. Absent means a market order at entry_price, the confirming bar's close.
 */
export interface EntryOrderBody {
  type: "market" | "limit" | "stop";
  price: string;
  valid_bars: number;
}

/** A detector pattern: the POST /api/patterns body, with its entry order when the entry is not the confirming close. */
export type DetectedPattern = Pattern & { entry_order?: EntryOrderBody };

/**
 * The body of POST /api/patterns for one event, or undefined when the prices, once rounded to cents,
 * are not on the right side for the direction (long: stop < entry < target; short: target < entry < stop)
 * or not positive. The detector drops such events rather than send a signal every user would reject.
 * Entry and target round half up; the stop rounds away from the entry (long down, short up), so rounding never
 * shrinks the risk the trader is shown.
 */
export function toPatternMessage(draft: PatternDraft, meta: { symbol: string; timeframe: string }): DetectedPattern | undefined {
  const entry = toMoneyString(draft.levels.entry);
  const awayFromEntry = directionOf(draft.type) === "long" ? Decimal.ROUND_DOWN : Decimal.ROUND_UP;
  const stop = new Decimal(draft.levels.stop).toFixed(PRICE_DECIMALS, awayFromEntry);
  const target = toMoneyString(draft.levels.target);
  if (!pricesFollowDirection(draft.type, entry, stop, target)) return undefined;
  const pattern: DetectedPattern = PatternSchema.parse({
    symbol: meta.symbol,
    pattern_type: draft.type,
    timeframe: meta.timeframe,
    detected_at: new Date(draft.detectedAt).toISOString(),
    entry_price: entry,
    stop_loss: stop,
    target_price: target,
    pattern_quality: roundTo(draft.quality),
    phase_strength: roundTo(draft.phase),
    volume_ratio: roundTo(Math.min(MAX_VOLUME_RATIO, Math.max(0, draft.volumeRatio))),
  });
  // Added after parsing: until lib/pattern.ts knows the field, its schema would strip it.
  const order = draft.levels.order;
  if (order) pattern.entry_order = { type: order.type, price: entry, valid_bars: order.validBars };
  return pattern;
}

/** Whether positive decimal prices sit on the right side for the pattern's direction. */
export function pricesFollowDirection(type: PatternType, entry: string, stop: string, target: string): boolean {
  const e = new Decimal(entry);
  const s = new Decimal(stop);
  const t = new Decimal(target);
  if (!e.gt(0) || !s.gt(0) || !t.gt(0)) return false;
  return directionOf(type) === "long" ? s.lt(e) && e.lt(t) : t.lt(e) && e.lt(s);
}

function roundTo(value: number): number {
  const factor = 10 ** SCORE_DECIMALS;
  return Math.round(value * factor) / factor;
}
