import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { openApiDocument } from "@/server/openapi/openapi-document";
import { OPENAPI_DOCUMENT } from "@/server/routes/operations-routes";

/** The OpenAPI 3.1 document of this API and its socket events; public, like the docs it is generated for. */
export const GET = route(OPENAPI_DOCUMENT, () => NextResponse.json(openApiDocument()));
