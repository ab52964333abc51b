import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { TEST_PUSH } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";
import { tooManyTestSends } from "@/server/notifications/escalation/test-send-limit";
import { sendTestPush } from "@/server/notifications/push/push-test-send";

/** Sends one test push (`is_test: true`) to each of the caller's subscribed browsers now; answers what each push service said. */
export const POST = route(TEST_PUSH, async ({ identity }) => {
  const { away, clock, env } = services();
  if (!away.pushSender) return jsonError(503, "Web Push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)");
  const permit = away.testSends.take("push", identity.userId);
  if (!permit.ok) return tooManyTestSends(permit);
  const results = await sendTestPush(identity.userId, {
    subscriptions: away.subscriptions,
    sender: away.pushSender,
    clock,
    ttlSeconds: env.SIGNAL_TTL_SECONDS,
  });
  if (results.length === 0) return jsonError(409, "No browser is subscribed");
  return NextResponse.json({
    sent: results.length,
    delivered: results.filter((result) => result.outcome === "delivered").length,
    results: results.map((result) => ({ status: result.status, delivered: result.outcome === "delivered", error: result.error })),
  });
});
