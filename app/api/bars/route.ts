import { NextResponse, type NextRequest } from "next/server";
import { BarsRequestSchema } from "@/lib/pattern";
import { jsonError, serviceUnavailable } from "@/server/http/api-response";
import { isInvalidInputError } from "@/server/pipeline/invalid-input";
import { hasBearer } from "@/server/http/request-auth";
import { MAX_BARS_BODY_BYTES, parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

/** OHLCV bars through the Wyckoff detector; every pattern found goes through the pipeline. */
export async function POST(request: NextRequest) {
  const { env, bars, logger } = services();
  if (!hasBearer(request, env.INGEST_API_KEY)) return jsonError(401, "Missing or invalid ingest API key");
  const body = await parseJsonBody(request, BarsRequestSchema, MAX_BARS_BODY_BYTES);
  if (!body.ok) return body.response;
  try {
    return NextResponse.json(await bars.ingest(body.data, "detector"));
  } catch (error) {
    if (isInvalidInputError(error)) return jsonError(400, error.message, { issues: error.issues });
    logger.error({ err: error }, "bar ingest failed");
    // 503 + Retry-After, never 500: a database outage or timeout is the usual cause, and retrying is safe.
    return serviceUnavailable("Bars could not be processed now; retry");
  }
}
