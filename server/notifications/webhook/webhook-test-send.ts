import { randomUUID } from "node:crypto";
import type { SignalNotification } from "@/lib/signal-notification";
import type { Clock } from "../../clock";
import type { ChannelResult } from "../escalation/channel-result";
import type { WebhookSender } from "./webhook-sender";
import type { WebhookSettingsStore } from "./webhook-settings";

/** contract §3's AAPL example, marked `is_test`, approved now: what the settings' test button sends. */
export function testNotification(now: number, ttlSeconds: number): SignalNotification {
  return {
    type: "signal_approved",
    signal_id: randomUUID(),
    timestamp: new Date(now).toISOString(),
    symbol: "AAPL",
    pattern_type: "SPRING",
    confidence_score: 92.5,
    confidence_grade: "A+",
    entry_price: "150.25",
    stop_loss: "149.50",
    target_price: "152.75",
    risk_amount: "75.00",
    risk_percentage: 1.5,
    r_multiple: 3.33,
    expires_at: new Date(now + ttlSeconds * 1000).toISOString(),
    direction: "long",
    timeframe: "5m",
    shares: 100,
    position_value: "15025.00",
    size_limited_by: "risk",
    is_test: true,
  };
}

/**
 * POST /api/me/webhook/test: one signed test notification now, no retries; null when no webhook is set.
 * The error is coarse: the raw one (a resolved address, "connect ECONNREFUSED 10.0.3.7:8080") would let
 * the test button map the server's network from inside. The delivery log keeps the detail for admins.
 */
export async function sendTestWebhook(
  userId: string,
  deps: { settings: WebhookSettingsStore; sender: WebhookSender; clock: Clock; ttlSeconds: number },
): Promise<ChannelResult | null> {
  const webhook = await deps.settings.get(userId);
  if (!webhook?.url || !webhook.secret) return null;
  const result = await deps.sender.send(
    { url: webhook.url, secret: webhook.secret },
    randomUUID(),
    testNotification(deps.clock.now(), deps.ttlSeconds),
  );
  return { ...result, error: coarseError(result) };
}

/** The only errors the test button shows: what went wrong in words that name no address, port or errno. */
export const COARSE_ERRORS = {
  refused: "target not allowed",
  timeout: "no answer in time",
  network: "could not connect",
} as const;

function coarseError(result: ChannelResult): string | null {
  if (result.error === null) return null;
  // An answer's status is the trader's own server speaking: "HTTP 500" or "redirect not followed (302)".
  if (result.status !== null) return result.error;
  if (result.outcome === "timeout") return COARSE_ERRORS.timeout;
  return result.retry ? COARSE_ERRORS.network : COARSE_ERRORS.refused;
}
