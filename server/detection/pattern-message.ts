import { directionOf, PatternSchema, type Pattern, type PatternType } from "@/lib/pattern";
import type { PriceLevels } from "./events/event-levels";
import { Decimal, toMoneyString } from "@/lib/decimal";
import { MAX_VOLUME_RATIO, SCORE_DECIMALS } from "./wyckoff-constants";

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
 * The body of POST /api/patterns for one event, or undefined when the prices, once rounded to cents,
 * are not on the right side for the direction (long: stop < entry < target; short: target < entry < stop)
 * or not positive. The detector drops such events rather than send a signal every user would reject.
 */
export function toPatternMessage(draft: PatternDraft, meta: { symbol: string; timeframe: string }): Pattern | undefined {
  const entry = toMoneyString(draft.levels.entry);
  const stop = toMoneyString(draft.levels.stop);
  const target = toMoneyString(draft.levels.target);
  if (!pricesFollowDirection(draft.type, entry, stop, target)) return undefined;
  return PatternSchema.parse({
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
