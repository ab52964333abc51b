import { z } from "zod";

/** A browser's PushSubscription as `toJSON()` gives it (POST/DELETE /api/me/push-subscriptions). */
export const PushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    // 65-byte uncompressed P-256 point and 16-byte auth secret, base64url.
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/, "must be a base64url P-256 public key"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}={0,2}$/, "must be a base64url 16-byte secret"),
  }),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionSchema>;

/** DELETE needs only the endpoint; a whole subscription is accepted too. */
export const PushUnsubscribeSchema = z.object({ endpoint: z.string().min(1).max(2000) });
