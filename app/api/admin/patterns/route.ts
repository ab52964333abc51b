import { NextResponse, type NextRequest } from "next/server";
import { validationError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { PatternOverviewQuerySchema } from "@/server/admin/pattern-overview";
import { services } from "@/server/registry";

/** Recent patterns with each matched user's outcome: approved or the rejection reason (admins only). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const query = PatternOverviewQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return validationError(query.error, "Invalid query");
  return NextResponse.json(await services().admin.patternOverview(query.data));
}
