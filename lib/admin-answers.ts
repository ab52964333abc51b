import { z } from "zod";
import { DELIVERY_CHANNELS, DELIVERY_OUTCOMES, DeliveryLogRowSchema } from "./delivery-log-schema";

/*
 * The admin API's answers, typed once: the server builds them as these types (z.infer), and the API document
 * describes them from these schemas.
 */

const IsoTime = z.iso.datetime();

/** A user as the admin API shows it: no password hash, flags as booleans. */
export const AdminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(["trader", "admin"]),
  disabled: z.boolean(),
  created_at: IsoTime,
  watchlist: z.array(z.string()),
  /** Sockets open right now on every node; null when the nodes could not be asked. */
  connected_sockets: z.number().int().nullable(),
});
export type AdminUserView = z.infer<typeof AdminUserSchema>;

const Millis = z.number().int().nullable();

/** Delivered socket attempts in a window (approval → ack of a tab) and their latency percentiles. */
const LatencySummarySchema = z.object({ count: z.number().int(), p50: Millis, p95: Millis, p99: Millis, max: Millis });
export type LatencySummary = z.infer<typeof LatencySummarySchema>;

const WindowHealthSchema = z.object({
  key: z.enum(["5m", "1h"]),
  label: z.string(),
  since: IsoTime,
  total: z.number().int(),
  counts: z.record(z.enum(DELIVERY_OUTCOMES), z.number().int()),
  latency: LatencySummarySchema,
});
export type WindowHealth = z.infer<typeof WindowHealthSchema>;

/** One bucket of the latency histogram: `le` is its inclusive upper bound in ms, null for the open-ended last. */
const HistogramBucketSchema = z.object({ le: z.number().nullable(), label: z.string(), count: z.number().int() });
export type HistogramBucket = z.infer<typeof HistogramBucketSchema>;

/** Attempts of one channel (socket, push, webhook) by delivery outcome over the last hour (contract §9). */
const ChannelHealthSchema = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  total: z.number().int(),
  counts: z.record(z.enum(DELIVERY_OUTCOMES), z.number().int()),
});
export type ChannelHealth = z.infer<typeof ChannelHealthSchema>;

export const DeliveryHealthSchema = z.object({
  generated_at: IsoTime,
  windows: z.array(WindowHealthSchema),
  /** Latency of delivered attempts over the last hour. */
  histogram: z.array(HistogramBucketSchema),
  latest_failures: z.array(DeliveryLogRowSchema),
  /** The last hour's attempts by channel, every channel listed. */
  channels: z.array(ChannelHealthSchema),
});
export type DeliveryHealth = z.infer<typeof DeliveryHealthSchema>;

/** One matched user of a pattern: approved (or a later status) or rejected with the reason. */
const PatternUserSchema = z.object({
  signal_id: z.uuid(),
  user_id: z.uuid(),
  user_email: z.string(),
  status: z.string(),
  rejection_reason: z.string().nullable(),
  confidence_score: z.string(),
  confidence_grade: z.string(),
  is_test: z.boolean(),
});
export type PatternUserOutcome = z.infer<typeof PatternUserSchema>;

/** A pattern as the admin pages show it: what was detected, where, and its levels. */
const AdminPatternSchema = z.object({
  id: z.uuid(),
  symbol: z.string(),
  pattern_type: z.string(),
  timeframe: z.string(),
  source: z.string(),
  detected_at: IsoTime,
  created_at: IsoTime,
  entry_price: z.string(),
  stop_loss: z.string(),
  target_price: z.string(),
});

const PatternOverviewSchema = AdminPatternSchema.extend({
  /** Signals by status across every user the pattern matched. */
  counts: z.record(z.string(), z.number().int()),
  /** At most USERS_PER_PATTERN (server/admin/pattern-overview.ts); the counts cover all. */
  users: z.array(PatternUserSchema),
});
export type PatternOverview = z.infer<typeof PatternOverviewSchema>;

export const PatternOverviewPageSchema = z.object({
  patterns: z.array(PatternOverviewSchema),
  next_cursor: z.string().nullable(),
});

const TimelineEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("detected"), at: IsoTime, source: z.string() }),
  z.object({ kind: z.literal("approved"), at: IsoTime, expires_at: IsoTime.nullable() }),
  z.object({ kind: z.literal("rejected"), at: IsoTime, reason: z.string().nullable() }),
  DeliveryLogRowSchema.pick({ channel: true, attempt: true, outcome: true, latency_ms: true, sockets: true, error: true }).extend({
    kind: z.literal("attempt"),
    at: IsoTime,
  }),
  z.object({ kind: z.literal("delivered"), at: IsoTime, latency_ms: z.number().int().nullable(), attempts: z.number().int() }),
  z.object({ kind: z.literal("failed"), at: IsoTime, attempts: z.number().int() }),
  z.object({ kind: z.literal("expired"), at: IsoTime }),
  z.object({ kind: z.enum(["taken", "skipped"]), at: IsoTime, reason: z.string().nullable() }),
]);
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

const nullableTime = IsoTime.nullable();
export const SignalTimelineSchema = z.object({
  signal: z.object({
    id: z.uuid(),
    user_id: z.uuid(),
    user_email: z.string(),
    pattern_id: z.uuid(),
    symbol: z.string(),
    pattern_type: z.string(),
    direction: z.string(),
    timeframe: z.string(),
    status: z.string(),
    rejection_reason: z.string().nullable(),
    confidence_score: z.string(),
    confidence_grade: z.string(),
    entry_price: z.string(),
    stop_loss: z.string(),
    target_price: z.string(),
    shares: z.number().int(),
    risk_amount: z.string(),
    risk_percentage: z.string(),
    r_multiple: z.string(),
    is_test: z.boolean(),
    created_at: IsoTime,
    approved_at: nullableTime,
    expires_at: nullableTime,
    decided_at: nullableTime,
    decision_reason: z.string().nullable(),
    delivery_state: z.string().nullable(),
    delivery_attempts: z.number().int(),
    acked_at: nullableTime,
  }),
  pattern: AdminPatternSchema.extend({ pattern_quality: z.number(), phase_strength: z.number(), volume_ratio: z.number() }).nullable(),
  deliveries: z.array(DeliveryLogRowSchema),
  timeline: z.array(TimelineEventSchema),
});
export type SignalTimeline = z.infer<typeof SignalTimelineSchema>;
