import type { ReactNode } from "react";
import { ServiceWorkerRegistration } from "@/components/desk/service-worker-registration";
import { DeskShell } from "@/components/shell/desk-shell";
import { requirePageIdentity } from "@/server/http/page-session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const identity = await requirePageIdentity();
  return (
    <DeskShell identity={identity}>
      <ServiceWorkerRegistration />
      {children}
    </DeskShell>
  );
}
