import { z } from "zod";

/**
 * contract §8 and issue 21 §2: what the market did after approval. `r` is in R with two places from the entry's
 * fill; `price` the exit (level, gapped open, last close). `not_filled` (the entry order never traded in its
 * bars) and `no_data` (no bar at all in the window) carry the order's price and r 0, and count apart.
 */
export const OUTCOME_RESULTS = ["stop", "target", "timeout", "not_filled", "no_data"] as const;
export const OutcomeSchema = z.object({
  result: z.enum(OUTCOME_RESULTS),
  price: z.string().regex(/^-?\d+\.\d{2}$/),
  at: z.iso.datetime({ precision: 3 }),
  r: z.number(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Issue 21 §2: a timeout within ±0.10 R (both ends included) is a scratch, neither a win nor a loss. */
export const SCRATCH_HUNDREDTHS = 10;

/**
 * How an outcome reads at a glance: a gain, a loss, or neither — a scratch (a timeout within ±0.10 R) and the
 * outcomes that were no trade at all (`not_filled`, `no_data`, r 0) are neutral, never a loss.
 */
export function outcomeTone(outcome: Pick<Outcome, "result" | "r">): "win" | "loss" | "neutral" {
  if (outcome.result === "not_filled" || outcome.result === "no_data") return "neutral";
  if (outcome.result === "timeout" && Math.round(Math.abs(outcome.r) * 100) <= SCRATCH_HUNDREDTHS) return "neutral";
  return outcome.r > 0 ? "win" : "loss";
}

/** The `signal_outcome` event (contract §3). */
export const SignalOutcomeEventSchema = OutcomeSchema.extend({ signal_id: z.uuid() });
export type SignalOutcomeEvent = z.infer<typeof SignalOutcomeEventSchema>;

export const InvalidationReasonSchema = z.enum(["stop_reached", "target_reached"]);
export type InvalidationReason = z.infer<typeof InvalidationReasonSchema>;

/** One row of GET /api/stats (contract §8); win_rate and expectancy_r are null before the first outcome. */
export const StatsEntrySchema = z.object({
  key: z.string(),
  signals: z.number().int(),
  taken: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  open: z.number().int(),
  win_rate: z.number().nullable(),
  expectancy_r: z.number().nullable(),
  // Additions (issue 21 §2): what counts apart, and the sample each rate stands on.
  /** Timeouts within ±0.10 R: neither wins nor losses; they do count in expectancy_r. */
  scratches: z.number().int(),
  /** The entry order never traded within its bars: no trade, no R. */
  not_filled: z.number().int(),
  /** No bar came within the window: nothing can be said. */
  no_data: z.number().int(),
  /** wins + losses: the sample of win_rate. */
  win_rate_sample: z.number().int(),
  /** wins + losses + scratches: the sample of expectancy_r. */
  expectancy_sample: z.number().int(),
  /** Admin only: the per-trader rows behind the distinct patterns (each pattern counts once in `signals`). */
  trader_signals: z.number().int().optional(),
  trader_taken: z.number().int().optional(),
});
export type StatsEntry = z.infer<typeof StatsEntrySchema>;

/** A point of the cumulative-R curve: one outcome, in the order outcomes happened. */
export const CurvePointSchema = z.object({ at: z.iso.datetime({ precision: 3 }), r: z.number(), cumulative_r: z.number() });
export type CurvePoint = z.infer<typeof CurvePointSchema>;

export const PerformanceStatsSchema = z.object({
  by_grade: z.array(StatsEntrySchema),
  by_pattern: z.array(StatsEntrySchema),
  /** Addition (issue 21 §2): the same figures per timeframe. */
  by_timeframe: z.array(StatsEntrySchema),
  totals: StatsEntrySchema,
  /** Additions: which signals the figures cover, and the latest outcomes as a cumulative-R curve. */
  scope: z.enum(["all", "taken"]),
  curve: z.array(CurvePointSchema),
});
export type PerformanceStats = z.infer<typeof PerformanceStatsSchema>;
