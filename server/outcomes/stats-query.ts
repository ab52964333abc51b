import { z } from "zod";

/** `?scope=all|taken` of the statistics routes (GET /api/stats, GET /api/admin/stats). */
export const StatsQuerySchema = z.object({ scope: z.enum(["all", "taken"]).default("all") });
