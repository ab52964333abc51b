import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { PATTERN_OVERVIEW } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** Recent patterns with each matched user's outcome: approved or the rejection reason (admins only). */
export const GET = route(PATTERN_OVERVIEW, async ({ query }) => NextResponse.json(await services().admin.patternOverview(query)));
