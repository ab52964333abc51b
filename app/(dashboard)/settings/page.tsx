import { PreferencesForm } from "@/components/settings/preferences-form";
import { preferencesOf } from "@/server/auth/user-store";
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
    </div>
  );
}
