import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { services } from "@/server/registry";

/** Replaces the webhook secret and answers the new one, as GET /api/me/webhook does. */
export async function POST(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const webhook = await services().away.webhookSettings.rotateSecret(session.identity.userId);
  if (!webhook) return jsonError(404, "User not found");
  return NextResponse.json(webhook);
}
