import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { GET_WEBHOOK } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/** The caller's webhook: `{ url, mode, secret }` (contract §5). */
export const GET = route(GET_WEBHOOK, async ({ identity }) => {
  const webhook = await services().away.webhookSettings.get(identity.userId);
  if (!webhook) return jsonError(404, "User not found");
  return NextResponse.json(webhook);
});
