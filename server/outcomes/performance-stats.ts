import { sql, type Kysely } from "kysely";
import { GRADES } from "@/lib/grade";
import { LONG_PATTERNS, SHORT_PATTERNS } from "@/lib/pattern";
import type { CurvePoint, PerformanceStats } from "@/lib/market-outcome";
import type { Database } from "../db/schema";
import { timeframeMs } from "../detection/bar";
import { rFromHundredths, SCRATCH_HUNDREDTHS } from "./outcome-rules";
import { add, addInto, emptyCounts, entries, entry, type Counts } from "./stats-counts";

export type StatsScope = "all" | "taken";

const CURVE_POINTS = 500;
const PATTERN_ORDER: readonly string[] = [...LONG_PATTERNS, ...SHORT_PATTERNS];
const GRADE_ORDER: readonly string[] = GRADES;

/** Where a signal's outcome counts (stats-counts.ts `classify`, in SQL). */
const OUTCOME_CLASS = sql<string>`case
  when outcome_result is null then 'open'
  when outcome_result = 'not_filled' then 'notFilled'
  when outcome_result = 'no_data' then 'noData'
  when outcome_result = 'timeout' and outcome_r between ${sql.lit(-SCRATCH_HUNDREDTHS)} and ${sql.lit(SCRATCH_HUNDREDTHS)} then 'scratches'
  when outcome_r > 0 then 'wins'
  else 'losses' end`;

/** One grouped row: a grade, pattern, timeframe and the figures of its signals. */
export interface GroupedCounts {
  grade: string;
  pattern: string;
  timeframe: string;
  counts: Counts;
}

/** Rows grouped by grade, pattern and timeframe → contract §8's answer with issue 21's additions. */
export function assemble(rows: GroupedCounts[], scope: StatsScope, curve: CurvePoint[], admin: boolean): PerformanceStats {
  const byGrade = new Map<string, Counts>();
  const byPattern = new Map<string, Counts>();
  const byTimeframe = new Map<string, Counts>();
  const totals = emptyCounts(admin);
  for (const row of rows) {
    add(byGrade, row.grade, row.counts, admin);
    add(byPattern, row.pattern, row.counts, admin);
    add(byTimeframe, row.timeframe, row.counts, admin);
    addInto(totals, row.counts);
  }
  const timeframes = [...byTimeframe.keys()].sort((a, b) => timeframeMs(a) - timeframeMs(b));
  return {
    by_grade: entries(byGrade, GRADE_ORDER),
    by_pattern: entries(byPattern, PATTERN_ORDER),
    by_timeframe: entries(byTimeframe, timeframes),
    totals: entry("all", totals),
    scope,
    curve,
  };
}

/**
 * One trader's statistics (GET /api/stats) over their approved signals, test signals left out: one grouped
 * query over the trader's own rows (read through the user's index on `signals`, no statistics index), live.
 */
export async function userStats(db: Kysely<Database>, userId: string, scope: StatsScope): Promise<PerformanceStats> {
  let query = db
    .selectFrom("signals")
    .select((eb) => [
      "confidence_grade",
      "pattern_type",
      "timeframe",
      OUTCOME_CLASS.as("bucket"),
      eb.fn.countAll<number>().as("signals"),
      sql<number>`sum(case when status = 'taken' then 1 else 0 end)`.as("taken"),
      sql<number>`coalesce(sum(outcome_r), 0)`.as("r_sum"),
    ])
    .where("user_id", "=", userId)
    .where("is_test", "=", 0)
    .where("status", "!=", "rejected");
  if (scope === "taken") query = query.where("status", "=", "taken");
  const rows = await query.groupBy(["confidence_grade", "pattern_type", "timeframe", sql`4`]).execute();
  const grouped = rows.map((row) => {
    const counts = emptyCounts();
    const n = Number(row.signals);
    counts.signals = n;
    counts.taken = Number(row.taken);
    counts[row.bucket as "open" | "wins" | "losses" | "scratches" | "notFilled" | "noData"] = n;
    if (row.bucket === "wins" || row.bucket === "losses" || row.bucket === "scratches") counts.rSum = Number(row.r_sum);
    return { grade: row.confidence_grade, pattern: row.pattern_type, timeframe: row.timeframe, counts };
  });
  const total = grouped.reduce((sum, row) => sum + row.counts.rSum, 0);
  return assemble(grouped, scope, await userCurve(db, userId, scope, total), false);
}

/** The trader's latest traded outcomes in time order with the running sum of R (over all of them). */
async function userCurve(db: Kysely<Database>, userId: string, scope: StatsScope, totalHundredths: number): Promise<CurvePoint[]> {
  let query = db
    .selectFrom("signals")
    .select(["outcome_at", "outcome_r"])
    .where("user_id", "=", userId)
    .where("is_test", "=", 0)
    .where("outcome_result", "in", ["stop", "target", "timeout"]);
  if (scope === "taken") query = query.where("status", "=", "taken");
  const latest = await query.orderBy("outcome_at", "desc").limit(CURVE_POINTS).execute();
  return curveOf(
    latest.map((row) => ({ at: row.outcome_at ?? 0, r: row.outcome_r ?? 0 })),
    totalHundredths,
  );
}

/** Newest-first outcomes → the curve, oldest first, ending at the running total. */
export function curveOf(newestFirst: Array<{ at: number; r: number }>, totalHundredths: number): CurvePoint[] {
  let running = totalHundredths;
  const points: CurvePoint[] = [];
  for (const row of newestFirst.slice(0, CURVE_POINTS)) {
    points.push({ at: new Date(row.at).toISOString(), r: rFromHundredths(row.r), cumulative_r: rFromHundredths(running) });
    running -= row.r;
  }
  return points.reverse();
}
