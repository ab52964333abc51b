import { PatternSchema } from "@/lib/pattern";
import { jsonError, serviceUnavailable } from "@/server/http/api-response";
import { isInvalidInputError } from "@/server/pipeline/invalid-input";
import { hasBearer } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

/**
 * An external detector's pattern: validated, then run through the pipeline for every matching user. The custom
 * server calls this handler itself, outside Next (server/http/direct-routes.ts): web-standard types only.
 */
export async function POST(request: Request): Promise<Response> {
  const { env, pipeline, logger } = services();
  if (!hasBearer(request, env.INGEST_API_KEY)) return jsonError(401, "Missing or invalid ingest API key");
  const body = await parseJsonBody(request, PatternSchema);
  if (!body.ok) return body.response;
  try {
    const result = await pipeline.ingest(body.data, "api");
    return Response.json(result.body, { status: result.created ? 201 : 200 });
  } catch (error) {
    if (isInvalidInputError(error)) return jsonError(400, error.message, { issues: error.issues });
    // Nothing was written (the pipeline's transaction rolled back): the scanner may simply retry.
    logger.error({ err: error }, "pattern ingest failed");
    // 503 + Retry-After, never 500: a database outage or timeout is the usual cause, and retrying is safe.
    return serviceUnavailable("Pattern could not be processed now; retry with the same idempotency_key");
  }
}
