import { NextResponse, type NextRequest } from "next/server";
import { PreferencesSchema } from "@/lib/preferences";
import { preferencesOf } from "@/server/auth/user-store";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

export async function GET(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const user = await services().users.findById(session.identity.userId);
  if (!user) return jsonError(404, "User not found");
  return NextResponse.json(preferencesOf(user, services().env.SIGNAL_TTL_SECONDS));
}

export async function PUT(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, PreferencesSchema);
  if (!body.ok) return body.response;
  const { users, away, env } = services();
  if (body.data.webhook_url) {
    // contract §9: checked now, and again before every send.
    const check = await away.targets.check(body.data.webhook_url);
    if (!check.ok) return jsonError(400, "Webhook URL refused", { issues: [{ path: "webhook_url", message: check.reason }] });
  }
  const userId = session.identity.userId;
  await users.updatePreferences(userId, body.data);
  await away.webhookSettings.ensureSecret(userId);
  const user = await users.findById(userId);
  if (!user) return jsonError(404, "User not found");
  return NextResponse.json(preferencesOf(user, env.SIGNAL_TTL_SECONDS));
}
