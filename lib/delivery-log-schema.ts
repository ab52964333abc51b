import { z } from "zod";

export const DELIVERY_CHANNELS = ["socket", "push", "webhook"] as const;

/** How one delivery attempt ended; the delivery_log table, the admin pages and the filters share this list. */
export const DELIVERY_OUTCOMES = ["delivered", "timeout", "no_connection", "error", "replayed", "expired"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** One row of GET /api/admin/deliveries, also pushed live to admins. */
export const DeliveryLogRowSchema = z.object({
  id: z.string(),
  signal_id: z.string(),
  user_id: z.string(),
  user_email: z.string(),
  symbol: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  attempt: z.number().int(),
  outcome: z.enum(DELIVERY_OUTCOMES),
  latency_ms: z.number().int(),
  sockets: z.number().int(),
  error: z.string().nullable(),
  created_at: z.string(),
});
export type DeliveryLogRow = z.infer<typeof DeliveryLogRowSchema>;

export const DeliveryLogQuerySchema = z.object({
  user: z.string().max(200).optional(),
  signal: z.string().max(100).optional(),
  symbol: z.string().max(20).optional(),
  status: z.enum(DELIVERY_OUTCOMES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().regex(/^\d+$/, "must be a cursor from next_cursor").optional(),
});
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuerySchema>;

/** The filter fields a delivery query carries between pages, links and the CSV export (no paging). */
export const DELIVERY_FILTER_KEYS = ["user", "symbol", "signal", "status", "channel", "since", "until"] as const;
/** The filters of a delivery query, as the admin page hands them to its live feed. */
export type DeliveryFilters = Partial<Pick<DeliveryLogQuery, (typeof DELIVERY_FILTER_KEYS)[number]>>;
