import { sql, type Kysely } from "kysely";
import { Decimal } from "@/lib/decimal";
import { GRADES } from "@/lib/grade";
import { LONG_PATTERNS, SHORT_PATTERNS } from "@/lib/pattern";
import type { CurvePoint, PerformanceStats, StatsEntry } from "@/lib/signal-outcome";
import type { Database } from "../db/schema";
import { rFromHundredths } from "./outcome-rules";

export type StatsScope = "all" | "taken";

interface Counts {
  signals: number;
  taken: number;
  wins: number;
  losses: number;
  open: number;
  /** Sum of outcome R in hundredths: an exact integer in both databases. */
  rSum: number;
}

const CURVE_POINTS = 500;
/** Extra rows read for the curve, so a few recent test signals do not shorten it. */
const CURVE_TEST_ALLOWANCE = 100;
const PATTERN_ORDER: readonly string[] = [...LONG_PATTERNS, ...SHORT_PATTERNS];
const GRADE_ORDER: readonly string[] = GRADES;

/**
 * SPEC §8's statistics over approved signals (of one user, or of everyone when `userId` is null), test
 * signals left out. One grouped query over a covering index (`signals_stats_user` or `signals_stats_all`) does the counting and the
 * R sums in integers; only the final two-place division happens here, in decimals.
 */
export async function performanceStats(db: Kysely<Database>, userId: string | null, scope: StatsScope): Promise<PerformanceStats> {
  let query = db
    .selectFrom("signals")
    .select((eb) => [
      "confidence_grade",
      "pattern_type",
      eb.fn.countAll<number>().as("signals"),
      sql<number>`sum(case when status = 'taken' then 1 else 0 end)`.as("taken"),
      sql<number>`sum(case when outcome_r > 0 then 1 else 0 end)`.as("wins"),
      sql<number>`sum(case when outcome_r <= 0 then 1 else 0 end)`.as("losses"),
      sql<number>`sum(case when outcome_result is null then 1 else 0 end)`.as("open"),
      sql<number>`coalesce(sum(outcome_r), 0)`.as("r_sum"),
    ])
    .where("is_test", "=", 0)
    .where("status", "!=", "rejected");
  if (userId !== null) query = query.where("user_id", "=", userId);
  if (scope === "taken") query = query.where("status", "=", "taken");
  const rows = await query.groupBy(["confidence_grade", "pattern_type"]).execute();

  const byGrade = new Map<string, Counts>();
  const byPattern = new Map<string, Counts>();
  const totals = emptyCounts();
  for (const row of rows) {
    const counts: Counts = {
      signals: Number(row.signals),
      taken: Number(row.taken),
      wins: Number(row.wins),
      losses: Number(row.losses),
      open: Number(row.open),
      rSum: Number(row.r_sum),
    };
    add(byGrade, row.confidence_grade, counts);
    add(byPattern, row.pattern_type, counts);
    addInto(totals, counts);
  }
  return {
    by_grade: entries(byGrade, GRADE_ORDER),
    by_pattern: entries(byPattern, PATTERN_ORDER),
    totals: entry("all", totals),
    scope,
    curve: await cumulativeCurve(db, userId, scope, totals.rSum),
  };
}

/**
 * The latest outcomes in time order with the running sum of R (over all outcomes, not just these). Read in
 * `outcome_at` order from its partial index; test signals are skipped here rather than in SQL, because a filter
 * on `is_test` would lure SQLite onto the statistics index and a sort of every row.
 */
async function cumulativeCurve(
  db: Kysely<Database>,
  userId: string | null,
  scope: StatsScope,
  totalHundredths: number,
): Promise<CurvePoint[]> {
  // Only approved signals ever get an outcome, so `outcome_at is not null` already leaves rejected ones out.
  let query = db.selectFrom("signals").select(["outcome_at", "outcome_r", "is_test"]).where("outcome_at", "is not", null);
  if (userId !== null) query = query.where("user_id", "=", userId);
  if (scope === "taken") query = query.where("status", "=", "taken");
  const latest = await query
    .orderBy("outcome_at", "desc")
    .limit(CURVE_POINTS + CURVE_TEST_ALLOWANCE)
    .execute();
  let running = totalHundredths;
  const points: CurvePoint[] = [];
  for (const row of latest) {
    if (row.is_test === 1) continue;
    if (points.length === CURVE_POINTS) break;
    const r = row.outcome_r ?? 0;
    points.push({ at: new Date(row.outcome_at ?? 0).toISOString(), r: rFromHundredths(r), cumulative_r: rFromHundredths(running) });
    running -= r;
  }
  return points.reverse();
}

function emptyCounts(): Counts {
  return { signals: 0, taken: 0, wins: 0, losses: 0, open: 0, rSum: 0 };
}

function addInto(target: Counts, counts: Counts): void {
  target.signals += counts.signals;
  target.taken += counts.taken;
  target.wins += counts.wins;
  target.losses += counts.losses;
  target.open += counts.open;
  target.rSum += counts.rSum;
}

function add(groups: Map<string, Counts>, key: string, counts: Counts): void {
  const group = groups.get(key) ?? emptyCounts();
  addInto(group, counts);
  groups.set(key, group);
}

function entries(groups: Map<string, Counts>, order: readonly string[]): StatsEntry[] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([key, counts]) => entry(key, counts));
}

function entry(key: string, counts: Counts): StatsEntry {
  const decided = counts.wins + counts.losses;
  return {
    key,
    signals: counts.signals,
    taken: counts.taken,
    wins: counts.wins,
    losses: counts.losses,
    open: counts.open,
    win_rate: decided === 0 ? null : new Decimal(counts.wins).div(decided).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber(),
    expectancy_r:
      decided === 0 ? null : new Decimal(counts.rSum).div(decided).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber(),
  };
}
