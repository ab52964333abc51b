import { NextResponse, type NextRequest } from "next/server";
import { validationError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { statsQuery } from "@/server/outcomes/stats-query";
import { services } from "@/server/registry";

/** Signal performance over every user (SPEC §8), admins only. */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const query = statsQuery(request);
  if (!query.success) return validationError(query.error, "Invalid query");
  const stats = await services().outcomes.stats(null, query.data.scope);
  return NextResponse.json(stats, { headers: { "cache-control": "no-store" } });
}
