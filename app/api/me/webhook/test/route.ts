import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { TEST_WEBHOOK } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";
import { tooManyTestSends } from "@/server/notifications/escalation/test-send-limit";
import { sendTestWebhook } from "@/server/notifications/webhook/webhook-test-send";

/** Sends one signed test notification (`is_test: true`) now and answers the webhook's status code. */
export const POST = route(TEST_WEBHOOK, async ({ identity }) => {
  const { away, clock, env } = services();
  const permit = away.testSends.take("webhook", identity.userId);
  if (!permit.ok) return tooManyTestSends(permit);
  const result = await sendTestWebhook(identity.userId, {
    settings: away.webhookSettings,
    sender: away.webhookSender,
    clock,
    ttlSeconds: env.SIGNAL_TTL_SECONDS,
  });
  if (!result) return jsonError(409, "No webhook URL is set");
  return NextResponse.json({ status: result.status, delivered: result.outcome === "delivered", error: result.error });
});
