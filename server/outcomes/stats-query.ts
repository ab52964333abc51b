import type { NextRequest } from "next/server";
import { z } from "zod";

export const StatsQuerySchema = z.object({ scope: z.enum(["all", "taken"]).default("all") });

/** `?scope=all|taken` of the statistics routes. */
export function statsQuery(request: NextRequest) {
  return StatsQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
}
