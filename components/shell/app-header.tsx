import Link from "next/link";
import { KeyboardShortcuts } from "../signals/keyboard-shortcuts";
import { ConnectionIndicator } from "./connection-indicator";
import { HeaderHeight } from "./header-height";
import { MainNav } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

/** The bar above every signed-in page. */
export function AppHeader({ email, role }: { email: string; role: "trader" | "admin" }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Signal Desk
      </Link>
      <MainNav role={role} />
      <ConnectionIndicator />
      <span className="user-email" data-testid="user-email">
        {email}
      </span>
      <KeyboardShortcuts />
      <SignOutButton />
      <HeaderHeight />
    </header>
  );
}
