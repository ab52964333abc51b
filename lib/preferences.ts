import { z } from "zod";
import { SymbolSchema } from "./symbol";

/** `when_unacked` (the default once a URL is set) escalates; `always` sends at approval; `off` disables. */
export const WEBHOOK_MODES = ["when_unacked", "always", "off"] as const;
export type WebhookMode = (typeof WEBHOOK_MODES)[number];

const MoneySchema = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, "must be an amount such as 5000.00")
  .refine((value) => Number(value) > 0, "must be greater than zero");

/** contract §5: the seed's own example (100 shares at 150.25 on 5,000.00) is 3×, within 4×. */
export const DEFAULT_MAX_LEVERAGE = 4;

/** A trader's settings: the API body of PUT /api/me/preferences and the settings form. */
export const PreferencesSchema = z.object({
  equity: MoneySchema,
  risk_percentage: z.number().min(0.1, "must be at least 0.1 %").max(5, "must be at most 5 %"),
  min_confidence: z.number().min(0).max(100),
  min_r_multiple: z.number().min(0).max(20),
  // Buying power = equity × max_leverage caps the position (contract §6.4). Optional in a PUT like the fields
  // below, so a client that does not send it keeps what is stored (a new user has the default, 4).
  max_leverage: z.number().min(1, "must be at least 1").max(10, "must be at most 10").optional(),
  ttl_seconds: z.number().int().min(30).max(3600),
  watchlist: z
    .array(SymbolSchema)
    .max(200, "at most 200 symbols")
    .transform((symbols) => [...new Set(symbols)]),
  sound: z.boolean(),
  desktop_notifications: z.boolean(),
  // Away from the desk (contract §9). Optional in a PUT so older clients keep what is stored; GET always has them.
  push: z.boolean().optional(),
  webhook_url: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .max(2000)
    .nullable()
    .optional(),
  webhook_mode: z.enum(WEBHOOK_MODES).optional(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/**
 * Body of PATCH /api/me/preferences: only the fields to change, each checked as in a PUT. A field left out is
 * not touched, so two tabs changing different settings at once both keep their change.
 */
export const PreferencesPatchSchema = PreferencesSchema.partial().refine((patch) => Object.keys(patch).length > 0, {
  message: "send at least one preference to change",
});
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;
