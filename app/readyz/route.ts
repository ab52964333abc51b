import { NextResponse } from "next/server";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

/** Readiness: the database answers, and Redis when this node uses it. */
export async function GET() {
  const { database, redisReady } = services();
  const checks: Record<string, "ok" | "down"> = {};
  checks.database = await database.ping().then(
    () => "ok" as const,
    () => "down" as const,
  );
  if (redisReady) checks.redis = (await redisReady()) ? "ok" : "down";
  const ready = Object.values(checks).every((check) => check === "ok");
  return NextResponse.json({ status: ready ? "ready" : "not_ready", checks }, { status: ready ? 200 : 503 });
}
