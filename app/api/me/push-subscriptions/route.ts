import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { ADD_PUSH_SUBSCRIPTION, REMOVE_PUSH_SUBSCRIPTION } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/** Stores this browser's push subscription for the caller; the endpoint must be a target we may send to. */
export const POST = route(ADD_PUSH_SUBSCRIPTION, async ({ identity, body }) => {
  const { away, clock } = services();
  if (!away.vapid) return jsonError(503, "Web Push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)");
  const check = await away.targets.check(body.endpoint);
  if (!check.ok) return jsonError(400, "Push endpoint refused", { issues: [{ path: "endpoint", message: check.reason }] });
  await away.subscriptions.save(identity.userId, body, clock.now());
  return NextResponse.json({ endpoint: body.endpoint }, { status: 201 });
});

/** Forgets this browser's subscription (the switch turned off, or the browser unsubscribed). */
export const DELETE = route(REMOVE_PUSH_SUBSCRIPTION, async ({ identity, body }) => {
  await services().away.subscriptions.remove(identity.userId, body.endpoint);
  return new NextResponse(null, { status: 204 });
});
