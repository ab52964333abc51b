import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Every page of the app, for the layout and accessibility specs. A new page is one entry here: its path,
 * who signs in to see it (null: nobody) and what shows once it has rendered.
 */
export interface DeskPage {
  name: string;
  path: string;
  user: "trader@example.com" | "admin@example.com" | null;
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeAttached();
};

export const DESK_PAGES: readonly DeskPage[] = [
  { name: "login", path: "/login", user: null, ready: heading("Signal Desk") },
  { name: "dashboard", path: "/", user: "trader@example.com", ready: heading("Signals") },
  { name: "performance", path: "/performance", user: "trader@example.com", ready: heading("Performance") },
  { name: "settings", path: "/settings", user: "trader@example.com", ready: heading("Settings") },
  { name: "admin deliveries", path: "/admin/deliveries", user: "admin@example.com", ready: heading("Deliveries") },
  { name: "admin health", path: "/admin/health", user: "admin@example.com", ready: heading("Delivery health") },
  { name: "admin patterns", path: "/admin/patterns", user: "admin@example.com", ready: heading("Patterns") },
  { name: "admin users", path: "/admin/users", user: "admin@example.com", ready: heading("Users") },
  { name: "admin performance", path: "/admin/performance", user: "admin@example.com", ready: heading("Performance") },
];

/** The three screens the desk is tried on: a phone, a tablet and a laptop. */
export const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 768, height: 1024 },
  { name: "desktop", width: 1366, height: 860 },
] as const;

/**
 * Pixels the page is wider than the window (0 or less: no sideways scrolling), with the outermost elements
 * that stick out, to say where in a failure message.
 */
export async function horizontalOverflow(page: Page): Promise<{ pixels: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const right = element.getBoundingClientRect().right + window.scrollX;
      const parentRight = (element.parentElement?.getBoundingClientRect().right ?? 0) + window.scrollX;
      if (right > width + 1 && parentRight <= width + 1 && culprits.length < 5)
        culprits.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")} → ${Math.round(right)}px`);
    }
    return { pixels: document.documentElement.scrollWidth - width, culprits };
  });
}
