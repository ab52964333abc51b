"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_LINKS } from "./nav-links";

function isCurrent(pathname: string, href: string, section: string | undefined): boolean {
  const base = section ?? href;
  if (base === "/") return pathname === "/";
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** The signed-in pages a user may open; the current one is marked for screen readers too. */
export function MainNav({ role }: { role: "trader" | "admin" }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      {NAV_LINKS.filter((link) => !link.adminOnly || role === "admin").map((link) => {
        const current = isCurrent(pathname, link.href, link.section);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? "page" : undefined}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
