import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { ALL_STATS } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** Signal performance over every user (contract §8), admins only. */
export const GET = route(ALL_STATS, async ({ query }) => {
  const stats = await services().outcomes.stats(null, query.scope);
  return NextResponse.json(stats, { headers: { "cache-control": "no-store" } });
});
