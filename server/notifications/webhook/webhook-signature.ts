import { createHmac, randomBytes } from "node:crypto";

/** A new webhook secret: 32 random bytes, prefixed so a leaked one is recognisable in a scan. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** contract §9: `sha256=` + hex HMAC-SHA256 of "<timestamp>.<raw body>" with the user's secret. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The exact headers of one webhook request (contract §9); the timestamp is the moment of this attempt. */
export function webhookHeaders(secret: string, deliveryId: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    "content-type": "application/json",
    "x-signal-desk-delivery": deliveryId,
    "x-signal-desk-timestamp": String(timestamp),
    "x-signal-desk-signature": webhookSignature(secret, timestamp, body),
  };
}
