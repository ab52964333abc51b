import type { Clock } from "../../clock";
import type { ChannelResult } from "../escalation/channel-result";
import { testNotification } from "../webhook/webhook-test-send";
import type { PushSender } from "./push-sender";
import type { PushSubscriptionStore } from "./push-subscription-store";

/** The settings' test button: one `is_test` notification to each of the user's browsers now, no retries. */
export async function sendTestPush(
  userId: string,
  deps: { subscriptions: PushSubscriptionStore; sender: PushSender; clock: Clock; ttlSeconds: number },
): Promise<ChannelResult[]> {
  const notification = testNotification(deps.clock.now(), deps.ttlSeconds);
  const results: ChannelResult[] = [];
  for (const subscription of await deps.subscriptions.listFor(userId)) {
    const result = await deps.sender.send(subscription, notification);
    if (result.gone) await deps.subscriptions.removeById(subscription.id);
    results.push(result);
  }
  return results;
}
