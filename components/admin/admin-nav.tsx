"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin/deliveries", label: "Deliveries" },
  { href: "/admin/health", label: "Health" },
  { href: "/admin/patterns", label: "Patterns" },
  { href: "/admin/performance", label: "Performance" },
  { href: "/admin/users", label: "Users" },
] as const;

/** The admin console's sections; the current one is marked for screen readers too. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav className="admin-nav" aria-label="Admin">
      {LINKS.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? "page" : undefined} className={current ? "current" : undefined}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
