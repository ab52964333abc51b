import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { services } from "@/server/registry";

/** The caller's webhook: `{ url, mode, secret }` (contract §5). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const webhook = await services().away.webhookSettings.get(session.identity.userId);
  if (!webhook) return jsonError(404, "User not found");
  return NextResponse.json(webhook);
}
