import { NextResponse } from "next/server";
import type { PreferencesPatch } from "@/lib/preferences";
import { preferencesOf } from "@/server/auth/user-store";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { GET_PREFERENCES, PATCH_PREFERENCES, PUT_PREFERENCES } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

export const GET = route(GET_PREFERENCES, async ({ identity }) => {
  const user = await services().users.findById(identity.userId);
  if (!user) return jsonError(404, "User not found");
  return NextResponse.json(preferencesOf(user, services().env.SIGNAL_TTL_SECONDS));
});

/** Every preference at once (contract §5); the optional ones left out keep what is stored. */
export const PUT = route(PUT_PREFERENCES, ({ identity, body }) => save(identity.userId, body));

/** Only the preferences sent: two tabs changing different fields at once both keep their change. */
export const PATCH = route(PATCH_PREFERENCES, ({ identity, body }) => save(identity.userId, body));

async function save(userId: string, preferences: PreferencesPatch): Promise<Response> {
  const { users, away, env } = services();
  if (preferences.webhook_url) {
    // contract §9: checked now, and again before every send.
    const check = await away.targets.check(preferences.webhook_url);
    if (!check.ok) return jsonError(400, "Webhook URL refused", { issues: [{ path: "webhook_url", message: check.reason }] });
  }
  await users.updatePreferences(userId, preferences);
  await away.webhookSettings.ensureSecret(userId);
  const user = await users.findById(userId);
  if (!user) return jsonError(404, "User not found");
  return NextResponse.json(preferencesOf(user, env.SIGNAL_TTL_SECONDS));
}
