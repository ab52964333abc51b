import webPush from "web-push";
import type { SignalNotification } from "@/lib/signal-notification";
import type { Clock } from "../../clock";
import type { ChannelResult } from "../escalation/channel-result";
import { isTimeout, sendOutbound } from "../outbound/outbound-request";
import type { TargetGuard } from "../outbound/target-guard";
import type { PushSubscriptionRow } from "./push-subscription-store";
import type { VapidKeys } from "./vapid-keys";

/**
 * One Web Push message (contract §9): web-push builds the RFC 8291 aes128gcm body and the RFC 8292 VAPID header;
 * we send it ourselves so the endpoint is checked like a webhook, connected to by its checked address, and
 * bounded in time and in what is read back.
 */
export class PushSender {
  constructor(
    private readonly vapid: VapidKeys,
    private readonly guard: TargetGuard,
    private readonly clock: Clock,
  ) {}

  async send(subscription: PushSubscriptionRow, notification: SignalNotification): Promise<ChannelResult> {
    const check = await this.guard.check(subscription.endpoint);
    if (!check.ok) return { outcome: "error", status: null, error: `target refused: ${check.reason}`, retry: false };
    // The message is worth nothing after the signal expires: the push service may drop it then.
    const ttl = Math.max(0, Math.ceil((Date.parse(notification.expires_at) - this.clock.now()) / 1000));
    let details: ReturnType<typeof webPush.generateRequestDetails>;
    try {
      details = this.details(subscription, notification, ttl);
    } catch (error) {
      // A subscription whose keys cannot be used will never work: no retry.
      return { outcome: "error", status: null, error: error instanceof Error ? error.message : String(error), retry: false };
    }
    try {
      const response = await sendOutbound(check.target, {
        method: "POST",
        headers: details.headers,
        body: details.body ?? Buffer.alloc(0),
      });
      if ([200, 201, 202].includes(response.status)) return { outcome: "delivered", status: response.status, error: null, retry: false };
      if (response.status === 404 || response.status === 410) {
        return {
          outcome: "error",
          status: response.status,
          error: `subscription gone (${response.status}); deleted`,
          retry: false,
          gone: true,
        };
      }
      return { outcome: "error", status: response.status, error: `push service answered ${response.status}`, retry: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: isTimeout(error) ? "timeout" : "error", status: null, error: message, retry: true };
    }
  }

  private details(subscription: PushSubscriptionRow, notification: SignalNotification, ttl: number) {
    return webPush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(notification),
      {
        TTL: ttl,
        urgency: "high",
        contentEncoding: "aes128gcm",
        vapidDetails: { subject: this.vapid.subject, publicKey: this.vapid.publicKey, privateKey: this.vapid.privateKey },
      },
    );
  }
}
