import { NextResponse, type NextRequest } from "next/server";
import { statsQuery } from "@/server/outcomes/stats-query";
import { validationError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { services } from "@/server/registry";

/** The caller's signal performance (SPEC §8); `?scope=taken` narrows it to the signals they took. */
export async function GET(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const query = statsQuery(request);
  if (!query.success) return validationError(query.error, "Invalid query");
  const stats = await services().outcomes.stats(session.identity.userId, query.data.scope);
  return NextResponse.json(stats, { headers: { "cache-control": "no-store" } });
}
