import { z } from "zod";

/** SPEC §8: what the market did after approval. `r` is in R with two places; `price` the level or last close. */
export const OutcomeSchema = z.object({
  result: z.enum(["stop", "target", "timeout"]),
  price: z.string().regex(/^-?\d+\.\d{2}$/),
  at: z.iso.datetime({ precision: 3 }),
  r: z.number(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** The `signal_outcome` event (SPEC §3). */
export const SignalOutcomeEventSchema = OutcomeSchema.extend({ signal_id: z.uuid() });
export type SignalOutcomeEvent = z.infer<typeof SignalOutcomeEventSchema>;

export const InvalidationReasonSchema = z.enum(["stop_reached", "target_reached"]);
export type InvalidationReason = z.infer<typeof InvalidationReasonSchema>;

/** One row of GET /api/stats (SPEC §8); win_rate and expectancy_r are null before the first outcome. */
export const StatsEntrySchema = z.object({
  key: z.string(),
  signals: z.number().int(),
  taken: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  open: z.number().int(),
  win_rate: z.number().nullable(),
  expectancy_r: z.number().nullable(),
});
export type StatsEntry = z.infer<typeof StatsEntrySchema>;

/** A point of the cumulative-R curve: one outcome, in the order outcomes happened. */
export const CurvePointSchema = z.object({ at: z.iso.datetime({ precision: 3 }), r: z.number(), cumulative_r: z.number() });
export type CurvePoint = z.infer<typeof CurvePointSchema>;

export const PerformanceStatsSchema = z.object({
  by_grade: z.array(StatsEntrySchema),
  by_pattern: z.array(StatsEntrySchema),
  totals: StatsEntrySchema,
  /** Additions: which signals the figures cover, and the latest outcomes as a cumulative-R curve. */
  scope: z.enum(["all", "taken"]),
  curve: z.array(CurvePointSchema),
});
export type PerformanceStats = z.infer<typeof PerformanceStatsSchema>;
