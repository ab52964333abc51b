import Link from "next/link";
import { ConnectionIndicator } from "./connection-indicator";
import { SignOutButton } from "./sign-out-button";

/** The bar above every signed-in page. */
export function AppHeader({ email, role }: { email: string; role: "trader" | "admin" }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Signal Desk
      </Link>
      <nav>
        <Link href="/">Signals</Link>
        <Link href="/settings">Settings</Link>
        {role === "admin" && <Link href="/admin/deliveries">Admin</Link>}
      </nav>
      <ConnectionIndicator />
      <span className="user-email" data-testid="user-email">
        {email}
      </span>
      <SignOutButton />
    </header>
  );
}
