import { NextResponse, type NextRequest } from "next/server";
import { PushSubscriptionSchema, PushUnsubscribeSchema } from "@/lib/push-subscription";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

/** Stores this browser's push subscription for the caller; the endpoint must be a target we may send to. */
export async function POST(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, PushSubscriptionSchema);
  if (!body.ok) return body.response;
  const { away, clock } = services();
  if (!away.vapid) return jsonError(503, "Web Push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)");
  const check = await away.targets.check(body.data.endpoint);
  if (!check.ok) return jsonError(400, "Push endpoint refused", { issues: [{ path: "endpoint", message: check.reason }] });
  await away.subscriptions.save(session.identity.userId, body.data, clock.now());
  return NextResponse.json({ endpoint: body.data.endpoint }, { status: 201 });
}

/** Forgets this browser's subscription (the switch turned off, or the browser unsubscribed). */
export async function DELETE(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, PushUnsubscribeSchema);
  if (!body.ok) return body.response;
  await services().away.subscriptions.remove(session.identity.userId, body.data.endpoint);
  return new NextResponse(null, { status: 204 });
}
