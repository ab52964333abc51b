import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { MY_STATS } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/** The caller's signal performance (contract §8); `?scope=taken` narrows it to the signals they took. */
export const GET = route(MY_STATS, async ({ identity, query }) => {
  const stats = await services().outcomes.stats(identity.userId, query.scope);
  return NextResponse.json(stats, { headers: { "cache-control": "no-store" } });
});
