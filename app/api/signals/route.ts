import { NextResponse, type NextRequest } from "next/server";
import { SignalListQuerySchema, type SignalView } from "@/lib/signal-view";
import { validationError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { toSignalView } from "@/server/pipeline/signal-view";
import { services } from "@/server/registry";

/** The caller's signals, newest first, as a JSON array of `SignalViewSchema` elements. */
export async function GET(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const query = SignalListQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return validationError(query.error, "Invalid query");
  const { signals, clock } = services();
  const rows = await signals.listForUser(session.identity.userId, query.data.status, clock.now(), query.data.limit);
  // The server's clock rides in a header so the dashboard can count down honestly before its first time_sync.
  return NextResponse.json<SignalView[]>(rows.map(toSignalView), {
    headers: { "x-server-time": new Date(clock.now()).toISOString(), "cache-control": "no-store" },
  });
}
