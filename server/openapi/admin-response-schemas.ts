import { z } from "zod";
import { DELIVERY_CHANNELS, DELIVERY_OUTCOMES, DeliveryLogRowSchema } from "@/lib/delivery-log-schema";
import type { DeliveryHealth } from "../admin/delivery-health";
import type { PatternOverview } from "../admin/pattern-overview";
import type { SignalTimeline, TimelineEvent } from "../admin/signal-timeline";
import type { AdminUserView } from "../admin/user-admin";
import { IsoTime } from "./response-schemas";

/* The admin API's answers, for the API document; each is checked against the type the route answers with. */

export { DeliveryLogPageSchema } from "@/lib/api-answers";

export const AdminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(["trader", "admin"]),
  disabled: z.boolean(),
  created_at: IsoTime,
  watchlist: z.array(z.string()),
  connected_sockets: z.number().int().nullable(),
}) satisfies z.ZodType<AdminUserView>;

const Millis = z.number().int().nullable();
export const DeliveryHealthSchema = z.object({
  generated_at: IsoTime,
  windows: z.array(
    z.object({
      key: z.enum(["5m", "1h"]),
      label: z.string(),
      since: IsoTime,
      total: z.number().int(),
      counts: z.record(z.enum(DELIVERY_OUTCOMES), z.number().int()),
      latency: z.object({ count: z.number().int(), p50: Millis, p95: Millis, p99: Millis, max: Millis }),
    }),
  ),
  histogram: z.array(z.object({ le: z.number().nullable(), label: z.string(), count: z.number().int() })),
  latest_failures: z.array(DeliveryLogRowSchema),
  // SPEC §9: attempts per channel over the last hour.
  channels: z.array(
    z.object({
      channel: z.enum(DELIVERY_CHANNELS),
      total: z.number().int(),
      counts: z.record(z.enum(DELIVERY_OUTCOMES), z.number().int()),
    }),
  ),
}) satisfies z.ZodType<DeliveryHealth>;

export const PatternOverviewPageSchema = z.object({
  patterns: z.array(
    z.object({
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
      counts: z.record(z.string(), z.number().int()),
      users: z.array(
        z.object({
          signal_id: z.uuid(),
          user_id: z.uuid(),
          user_email: z.string(),
          status: z.string(),
          rejection_reason: z.string().nullable(),
          confidence_score: z.string(),
          confidence_grade: z.string(),
          is_test: z.boolean(),
        }),
      ),
    }) satisfies z.ZodType<PatternOverview>,
  ),
  next_cursor: z.string().nullable(),
});

const TimelineEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("detected"), at: IsoTime, source: z.string() }),
  z.object({ kind: z.literal("approved"), at: IsoTime, expires_at: IsoTime.nullable() }),
  z.object({ kind: z.literal("rejected"), at: IsoTime, reason: z.string().nullable() }),
  z.object({
    kind: z.literal("attempt"),
    at: IsoTime,
    channel: z.enum(DELIVERY_CHANNELS),
    attempt: z.number().int(),
    outcome: z.enum(DELIVERY_OUTCOMES),
    latency_ms: z.number().int(),
    sockets: z.number().int(),
    error: z.string().nullable(),
  }),
  z.object({ kind: z.literal("delivered"), at: IsoTime, latency_ms: z.number().int().nullable(), attempts: z.number().int() }),
  z.object({ kind: z.literal("failed"), at: IsoTime, attempts: z.number().int() }),
  z.object({ kind: z.literal("expired"), at: IsoTime }),
  z.object({ kind: z.enum(["taken", "skipped"]), at: IsoTime, reason: z.string().nullable() }),
]) satisfies z.ZodType<TimelineEvent>;

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
  pattern: z
    .object({
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
      pattern_quality: z.number(),
      phase_strength: z.number(),
      volume_ratio: z.number(),
    })
    .nullable(),
  deliveries: z.array(DeliveryLogRowSchema),
  timeline: z.array(TimelineEventSchema),
}) satisfies z.ZodType<SignalTimeline>;
