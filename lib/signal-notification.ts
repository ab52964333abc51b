import { z } from "zod";
import { GRADES } from "./grade";
import { EntryOrderSchema, PatternTypeSchema } from "./pattern";

const MoneyString = z.string().regex(/^-?\d+\.\d{2}$/);
const IsoMillis = z.iso.datetime({ precision: 3 });

/** The wire payload of `signal_approved` (contract §3); extra fields may be added, none removed. */
export const SignalNotificationSchema = z.object({
  type: z.literal("signal_approved"),
  signal_id: z.uuid(),
  timestamp: IsoMillis,
  symbol: z.string(),
  pattern_type: PatternTypeSchema,
  confidence_score: z.number(),
  confidence_grade: z.enum(GRADES),
  entry_price: MoneyString,
  stop_loss: MoneyString,
  target_price: MoneyString,
  risk_amount: MoneyString,
  risk_percentage: z.number(),
  r_multiple: z.number(),
  expires_at: IsoMillis,
  // Additions for the trader's toast.
  direction: z.enum(["long", "short"]),
  timeframe: z.string(),
  shares: z.number().int(),
  position_value: MoneyString,
  /** Which bound set `shares`: the risk budget or the buying power (equity × max_leverage). */
  size_limited_by: z.enum(["risk", "buying_power"]),
  is_test: z.boolean(),
  /** Issue 21 §2: how to enter; a market order at entry_price for one bar when the pattern named none. */
  entry_order: EntryOrderSchema.optional(),
});
export type SignalNotification = z.infer<typeof SignalNotificationSchema>;

export const SignalUpdateSchema = z.object({
  signal_id: z.uuid(),
  status: z.enum(["taken", "skipped", "expired", "invalidated"]),
  decided_at: IsoMillis.optional(),
  /** With `invalidated` (contract §8): which level the market reached first. */
  reason: z.enum(["stop_reached", "target_reached"]).optional(),
});
export type SignalUpdate = z.infer<typeof SignalUpdateSchema>;

export const SignalAckSchema = z.object({ received_at: z.iso.datetime() });
export type SignalAck = z.infer<typeof SignalAckSchema>;

export const DecisionSchema = z.object({
  decision: z.enum(["take", "skip"]),
  reason: z.string().max(500).optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;
