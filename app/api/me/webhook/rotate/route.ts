import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { ROTATE_WEBHOOK_SECRET } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/** Replaces the webhook secret and answers the new one, as GET /api/me/webhook does. */
export const POST = route(ROTATE_WEBHOOK_SECRET, async ({ identity }) => {
  const webhook = await services().away.webhookSettings.rotateSecret(identity.userId);
  if (!webhook) return jsonError(404, "User not found");
  return NextResponse.json(webhook);
});
