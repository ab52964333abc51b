import { NextResponse, type NextRequest } from "next/server";
import { type PreferencesPatch, PreferencesPatchSchema, PreferencesSchema } from "@/lib/preferences";
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

/** Every preference at once (contract §5); the optional ones left out keep what is stored. */
export async function PUT(request: NextRequest) {
  return save(request, PreferencesSchema);
}

/** Only the preferences sent: two tabs changing different fields at once both keep their change. */
export async function PATCH(request: NextRequest) {
  return save(request, PreferencesPatchSchema);
}

async function save(request: NextRequest, schema: typeof PreferencesSchema | typeof PreferencesPatchSchema) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody<PreferencesPatch>(request, schema);
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
