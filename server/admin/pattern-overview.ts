import type { Kysely } from "kysely";
import { z } from "zod";
import type { PatternOverview } from "@/lib/admin-answers";
import type { Database } from "../db/schema";

/** Query of GET /api/admin/patterns. */
export const PatternOverviewQuerySchema = z.object({
  symbol: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^\d+_[0-9A-Za-z-]+$/, "must be a cursor from next_cursor")
    .optional(),
});
export type PatternOverviewQuery = z.infer<typeof PatternOverviewQuerySchema>;

/** How many per-user outcomes one pattern lists; the counts always cover all of them. */
export const USERS_PER_PATTERN = 100;

/** Recent patterns, newest first, each with what the pipeline decided for every user it matched. */
export async function patternOverview(
  db: Kysely<Database>,
  query: PatternOverviewQuery,
): Promise<{ patterns: PatternOverview[]; next_cursor: string | null }> {
  let patterns = db.selectFrom("patterns").selectAll();
  if (query.symbol) patterns = patterns.where("symbol", "=", query.symbol.toUpperCase());
  if (query.cursor) {
    const split = query.cursor.indexOf("_");
    const createdAt = Number(query.cursor.slice(0, split));
    const id = query.cursor.slice(split + 1);
    patterns = patterns.where((eb) =>
      eb.or([eb("created_at", "<", createdAt), eb.and([eb("created_at", "=", createdAt), eb("id", "<", id)])]),
    );
  }
  const rows = await patterns
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.id);
  if (ids.length === 0) return { patterns: [], next_cursor: null };

  const [counts, outcomes] = await Promise.all([
    db
      .selectFrom("signals")
      .select(["pattern_id", "status", (eb) => eb.fn.countAll().as("n")])
      .where("pattern_id", "in", ids)
      .groupBy(["pattern_id", "status"])
      .execute(),
    Promise.all(
      ids.map((patternId) =>
        db
          .selectFrom("signals as s")
          .innerJoin("users as u", "u.id", "s.user_id")
          .select([
            "s.id",
            "s.pattern_id",
            "s.user_id",
            "u.email",
            "s.status",
            "s.rejection_reason",
            "s.confidence_score",
            "s.confidence_grade",
            "s.is_test",
          ])
          .where("s.pattern_id", "=", patternId)
          .orderBy("u.email")
          .limit(USERS_PER_PATTERN)
          .execute(),
      ),
    ),
  ]);

  const last = page.at(-1);
  return {
    patterns: page.map((row, index) => ({
      id: row.id,
      symbol: row.symbol,
      pattern_type: row.pattern_type,
      timeframe: row.timeframe,
      source: row.source,
      detected_at: new Date(row.detected_at).toISOString(),
      created_at: new Date(row.created_at).toISOString(),
      entry_price: row.entry_price,
      stop_loss: row.stop_loss,
      target_price: row.target_price,
      counts: Object.fromEntries(counts.filter((count) => count.pattern_id === row.id).map((count) => [count.status, Number(count.n)])),
      users: (outcomes[index] ?? []).map((signal) => ({
        signal_id: signal.id,
        user_id: signal.user_id,
        user_email: signal.email,
        status: signal.status,
        rejection_reason: signal.rejection_reason,
        confidence_score: signal.confidence_score,
        confidence_grade: signal.confidence_grade,
        is_test: signal.is_test === 1,
      })),
    })),
    next_cursor: rows.length > query.limit && last ? `${last.created_at}_${last.id}` : null,
  };
}
