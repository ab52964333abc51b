/** One entry per page in the header's navigation: a new page is one line here. */
export interface NavLink {
  href: string;
  label: string;
  /** Only admins see the link (the page itself checks the role again). */
  adminOnly?: boolean;
  /** Other paths that mark this link as the current page (the admin link covers every admin page). */
  section?: string;
}

export const NAV_LINKS: readonly NavLink[] = [
  { href: "/", label: "Signals" },
  { href: "/performance", label: "Performance" },
  { href: "/settings", label: "Settings" },
  { href: "/admin/deliveries", label: "Admin", adminOnly: true, section: "/admin" },
];
