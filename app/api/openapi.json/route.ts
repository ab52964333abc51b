import { NextResponse } from "next/server";
import { openApiDocument } from "@/server/openapi/openapi-document";

/** The OpenAPI 3.1 document of this API and its socket events; public, like the docs it is generated for. */
export function GET() {
  return NextResponse.json(openApiDocument());
}
