import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { DeskShell } from "@/components/shell/desk-shell";
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
    <DeskShell identity={identity} mainClassName="admin">
      <AdminNav />
      {children}
    </DeskShell>
  );
}
