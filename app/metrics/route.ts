import type { NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { hasBearer } from "@/server/http/request-auth";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

/** Prometheus text format; behind METRICS_TOKEN when it is set. */
export async function GET(request: NextRequest) {
  const { env, metrics } = services();
  if (env.METRICS_TOKEN && !hasBearer(request, env.METRICS_TOKEN)) return jsonError(401, "Missing or invalid metrics token");
  return new Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType } });
}
