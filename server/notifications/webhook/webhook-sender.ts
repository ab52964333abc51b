import type { SignalNotification } from "@/lib/signal-notification";
import type { Clock } from "../../clock";
import { isTimeout, sendOutbound } from "../outbound/outbound-request";
import type { TargetGuard } from "../outbound/target-guard";
import type { ChannelResult } from "../escalation/channel-result";
import { webhookHeaders } from "./webhook-signature";

export interface WebhookTarget {
  url: string;
  secret: string;
}

/**
 * One signed webhook request (contract §9). The target is checked again right before sending, the request goes
 * to the checked address, and only a 2xx within the timeout counts as delivered (a redirect is a failure).
 */
export class WebhookSender {
  constructor(
    private readonly guard: TargetGuard,
    private readonly clock: Clock,
  ) {}

  async send(webhook: WebhookTarget, deliveryId: string, notification: SignalNotification): Promise<ChannelResult> {
    const check = await this.guard.check(webhook.url);
    if (!check.ok) return { outcome: "error", status: null, error: `target refused: ${check.reason}`, retry: false };
    const body = JSON.stringify(notification);
    try {
      const response = await sendOutbound(check.target, {
        method: "POST",
        headers: { ...webhookHeaders(webhook.secret, deliveryId, body, this.clock.now()), "content-length": Buffer.byteLength(body) },
        body,
      });
      if (response.status >= 200 && response.status < 300)
        return { outcome: "delivered", status: response.status, error: null, retry: false };
      const what =
        response.status >= 300 && response.status < 400 ? `redirect not followed (${response.status})` : `HTTP ${response.status}`;
      return { outcome: "error", status: response.status, error: what, retry: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: isTimeout(error) ? "timeout" : "error", status: null, error: message, retry: true };
    }
  }
}
