import type { Preferences } from "@/lib/preferences";
import type { Role } from "../auth/user-store";

export interface DemoUser {
  email: string;
  password: string;
  role: Role;
  preferences: Omit<Preferences, "ttl_seconds" | "max_leverage">;
}

const defaults = { min_confidence: 70, min_r_multiple: 2, sound: true, desktop_notifications: false };

/** contract §1's demo users; the passwords are for the demo only and shown in the README. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: "trader@example.com",
    password: "trader-demo-pass",
    role: "trader",
    preferences: { ...defaults, equity: "5000.00", risk_percentage: 1.5, watchlist: ["AAPL", "MSFT", "NVDA", "TSLA", "SPY"] },
  },
  {
    email: "trader2@example.com",
    password: "trader2-demo-pass",
    role: "trader",
    preferences: { ...defaults, equity: "25000.00", risk_percentage: 1.0, watchlist: ["MSFT", "AMZN", "SPY"] },
  },
  {
    email: "admin@example.com",
    password: "admin-demo-pass",
    role: "admin",
    preferences: { ...defaults, equity: "10000.00", risk_percentage: 1.0, watchlist: [] },
  },
];
