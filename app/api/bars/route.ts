import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { INGEST_BARS } from "@/server/routes/ingest-routes";
import { services } from "@/server/registry";

/** OHLCV bars through the Wyckoff detector; every pattern found goes through the pipeline. */
export const POST = route(INGEST_BARS, async ({ body }) => NextResponse.json(await services().bars.ingest(body, "detector")));
