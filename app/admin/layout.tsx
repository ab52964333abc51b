import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Toaster } from "react-hot-toast";
import { AdminNav } from "@/components/admin/admin-nav";
import { AppHeader } from "@/components/app-header";
import { SignalDeskProvider } from "@/components/signal-desk-provider";
import { adminPageIdentity } from "@/server/admin/admin-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin · Signal Desk" };

/**
 * Every admin page: no session → /login; a trader → 403 (app/forbidden.tsx). Pages check the role
 * again themselves, because Next may render a page alongside its layout.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const identity = await adminPageIdentity();
  return (
    <SignalDeskProvider>
      <AppHeader email={identity.email} role={identity.role} />
      <main className="desk admin">
        <AdminNav />
        {children}
      </main>
      <Toaster position="top-right" containerStyle={{ top: 64 }} />
    </SignalDeskProvider>
  );
}
