import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { hasBearer } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { ClockAdvanceSchema } from "@/server/clock";
import { services } from "@/server/registry";

/** Tests only (TEST_CLOCK=true, ingest key): moves the server's clock forward; 404 everywhere else. */
export async function POST(request: NextRequest) {
  const { testClock, env, clock } = services();
  if (!testClock) return jsonError(404, "Not found");
  if (!hasBearer(request, env.INGEST_API_KEY)) return jsonError(401, "Missing or invalid ingest API key");
  const body = await parseJsonBody(request, ClockAdvanceSchema);
  if (!body.ok) return body.response;
  if (!testClock.advance(body.data.advance_ms)) return jsonError(400, "The test clock moves at most 60 days ahead in total");
  return NextResponse.json({ now: new Date(clock.now()).toISOString() });
}
