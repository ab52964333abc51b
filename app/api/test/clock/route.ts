import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { ADVANCE_TEST_CLOCK } from "@/server/routes/operations-routes";
import { services } from "@/server/registry";

/** Tests only (TEST_CLOCK=true, ingest key): moves the server's clock forward; 404 everywhere else. */
export const POST = route(ADVANCE_TEST_CLOCK, ({ body }) => {
  const { testClock, clock } = services();
  if (!testClock?.advance(body.advance_ms)) return jsonError(400, "The test clock moves at most 60 days ahead in total");
  return NextResponse.json({ now: new Date(clock.now()).toISOString() });
});
