import { PreferencesForm } from "@/components/settings/preferences-form";
import { PushSwitch } from "@/components/settings/push-switch";
import { WebhookCard } from "@/components/settings/webhook-card";
import { effectiveWebhookMode, preferencesOf } from "@/server/auth/user-store";
import { requirePageIdentity } from "@/server/http/page-session";
import { services } from "@/server/registry";
import { redirect } from "next/navigation";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const identity = await requirePageIdentity();
  const user = await services().users.findById(identity.userId);
  if (!user) redirect("/login");
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      <p className="muted">How signals are sized and filtered for you, and how the desk gets your attention.</p>
      <PreferencesForm initial={preferencesOf(user, services().env.SIGNAL_TTL_SECONDS)} />
      <div className="away-settings" data-testid="away-settings">
        <PushSwitch initialPush={user.push === 1} />
        {/* The user row already holds the webhook; no second query for it. */}
        <WebhookCard initial={{ url: user.webhook_url, mode: effectiveWebhookMode(user), hasSecret: user.webhook_secret !== null }} />
      </div>
    </div>
  );
}
