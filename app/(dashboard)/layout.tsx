import type { ReactNode } from "react";
import { Toaster } from "react-hot-toast";
import { AppHeader } from "@/components/app-header";
import { PendingTitle } from "@/components/pending-title";
import { SignalDeskProvider } from "@/components/signal-desk-provider";
import { requirePageIdentity } from "@/server/http/page-session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const identity = await requirePageIdentity();
  return (
    <SignalDeskProvider>
      <AppHeader email={identity.email} role={identity.role} />
      <main className="desk">{children}</main>
      <PendingTitle />
      <Toaster position="top-right" containerStyle={{ top: 64 }} gutter={10} />
    </SignalDeskProvider>
  );
}
