import type { ReactNode } from "react";
import { SignalDeskProvider } from "../desk/signal-desk-provider";
import { DecisionNotice } from "../signals/decision-notice";
import { SignalToasts } from "../signals/signal-toasts";
import { AppHeader } from "./app-header";
import { PendingTitle } from "./pending-title";

/**
 * Every signed-in page: the desk's store and socket, the header, the page itself and the signal toasts.
 * Traders' pages and admin pages use the same one, so toasts and alerts behave alike everywhere.
 */
export function DeskShell({
  identity,
  mainClassName,
  children,
}: {
  identity: { email: string; role: "trader" | "admin" };
  /** Extra classes on <main> for a section's own layout (e.g. "admin"). */
  mainClassName?: string;
  children: ReactNode;
}) {
  return (
    <SignalDeskProvider>
      <AppHeader email={identity.email} role={identity.role} />
      <main className={mainClassName ? `desk ${mainClassName}` : "desk"}>
        {children}
        <DecisionNotice />
      </main>
      <PendingTitle />
      <section aria-label="Signal alerts">
        <SignalToasts />
      </section>
    </SignalDeskProvider>
  );
}
