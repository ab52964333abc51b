import { route } from "@/server/http/route";
import { INGEST_PATTERN } from "@/server/routes/ingest-routes";
import { services } from "@/server/registry";

/**
 * An external detector's pattern: validated, then run through the pipeline for every matching user. The custom
 * server calls this handler itself, outside Next (server/http/direct-routes.ts): web-standard types only.
 */
export const POST = route(INGEST_PATTERN, async ({ body }) => {
  const result = await services().pipeline.ingest(body, "api");
  return Response.json(result.body, { status: result.created ? 201 : 200 });
});
