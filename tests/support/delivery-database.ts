import { randomUUID } from "node:crypto";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import { PatternStore } from "@/server/pipeline/pattern-store";
import { aaplSpring } from "./patterns";
import { freshDatabaseUrl } from "./test-server";

/** A fresh database with one AAPL trader and one stored AAPL pattern: what a delivery row needs to point at. */
export interface DeliveryDatabase {
  handle: DatabaseHandle;
  userId: string;
  patternId: string;
}

/** Opens it (the caller closes `handle`); `email` keeps each file's trader apart in logs. */
export async function openDeliveryDatabase(email: string): Promise<DeliveryDatabase> {
  const handle = await openDatabase(freshDatabaseUrl());
  const user = await new UserStore(handle.db).create({
    email,
    passwordHash: "x",
    role: "trader",
    preferences: {
      equity: "5000.00",
      risk_percentage: 1,
      min_confidence: 70,
      min_r_multiple: 2,
      watchlist: ["AAPL"],
      sound: false,
      desktop_notifications: false,
    },
  });
  const patternId = randomUUID();
  await new PatternStore(handle.db).insert(patternId, aaplSpring(), "api", 1_000);
  return { handle, userId: user.id, patternId };
}
