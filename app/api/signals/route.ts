import { NextResponse } from "next/server";
import type { SignalView } from "@/lib/signal-view";
import { route } from "@/server/http/route";
import { LIST_SIGNALS } from "@/server/routes/trader-routes";
import { toSignalView } from "@/server/pipeline/signal-view";
import { services } from "@/server/registry";

/** The caller's signals, newest first, as a JSON array of `SignalViewSchema` elements. */
export const GET = route(LIST_SIGNALS, async ({ identity, query }) => {
  const { signals, clock } = services();
  const rows = await signals.listForUser(identity.userId, query.status, clock.now(), query.limit);
  // The server's clock rides in a header so the dashboard can count down honestly before its first time_sync.
  return NextResponse.json<SignalView[]>(rows.map(toSignalView), {
    headers: { "x-server-time": new Date(clock.now()).toISOString(), "cache-control": "no-store" },
  });
});
