import { sql, SqliteAdapter, type Kysely } from "kysely";
import type { PerformanceStats } from "@/lib/market-outcome";
import type { Clock } from "../clock";
import type { Database } from "../db/schema";
import { assemble, curveOf, type GroupedCounts, type StatsScope } from "./performance-stats";
import { classify, emptyCounts, isTraded } from "./stats-counts";

/** How long an admin answer is served from the cache: the figures of the whole desk lag by at most this. */
export const ADMIN_STATS_TTL_MS = 15_000;
/** SQLite answers synchronously on the event loop: read this many patterns at a time, then let others run. */
const FIRST_CHUNK = 4;
/** A chunk should hold the event loop about this long; its size adapts to it. */
const CHUNK_BUDGET_MS = 15;

interface PatternFigures {
  pattern_id: string;
  grade: string;
  pattern: string;
  timeframe: string;
  traderSignals: number;
  traderTaken: number;
}

/**
 * GET /api/admin/stats (issue 21 §2, issue 23 item 7): every pattern counts once (`signals` are distinct
 * patterns with an approved signal, `taken` those any trader took; `trader_signals` / `trader_taken` the
 * per-trader rows), its outcome from the cold `pattern_outcomes`. The answer is cached for a few seconds and
 * shared by concurrent callers; on SQLite it is read in small chunks of patterns, so no single query holds
 * the event loop for long however large the history.
 */
export class AdminStats {
  private readonly cache = new Map<StatsScope, { at: number; answer: Promise<PerformanceStats> }>();

  /** PostgreSQL answers off the event loop, so it reads everything in one query. */
  private readonly chunked: boolean;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.chunked = db.getExecutor().adapter instanceof SqliteAdapter;
  }

  /** The cached answer while fresh, else one computation shared by every caller meanwhile. */
  get(scope: StatsScope): Promise<PerformanceStats> {
    const now = this.clock.now();
    const cached = this.cache.get(scope);
    if (cached && now - cached.at < ADMIN_STATS_TTL_MS) return cached.answer;
    const answer = this.compute(scope);
    this.cache.set(scope, { at: now, answer });
    answer.catch(() => this.cache.delete(scope));
    return answer;
  }

  /** Computes afresh (tests and the benchmark; routes use `get`). */
  async compute(scope: StatsScope): Promise<PerformanceStats> {
    const patterns = await this.patternFigures(scope);
    const outcomes = new Map<string, { result: string; r: number; at: number }>();
    for (let i = 0; i < patterns.length; i += 500) {
      const ids = patterns.slice(i, i + 500).map((row) => row.pattern_id);
      const rows = await this.db
        .selectFrom("pattern_outcomes")
        .select(["pattern_id", "result", "r", "at"])
        .where("pattern_id", "in", ids)
        .execute();
      for (const row of rows) outcomes.set(row.pattern_id, row);
      await yieldToOthers();
    }
    const grouped: GroupedCounts[] = [];
    const traded: Array<{ at: number; r: number }> = [];
    let total = 0;
    for (const row of patterns) {
      const outcome = outcomes.get(row.pattern_id);
      const counts = emptyCounts(true);
      counts.signals = 1;
      counts.taken = row.traderTaken > 0 ? 1 : 0;
      counts.traderSignals = row.traderSignals;
      counts.traderTaken = row.traderTaken;
      counts[classify(outcome?.result ?? null, outcome?.r ?? null)] += 1;
      if (outcome && isTraded(outcome.result)) {
        counts.rSum = outcome.r;
        total += outcome.r;
        traded.push({ at: outcome.at, r: outcome.r });
      }
      grouped.push({ grade: row.grade, pattern: row.pattern, timeframe: row.timeframe, counts });
    }
    traded.sort((a, b) => b.at - a.at);
    return assemble(grouped, scope, curveOf(traded, total), true);
  }

  /**
   * Per pattern: its grade, type, timeframe and trader rows. PostgreSQL in one query; SQLite in timed chunks of
   * pattern ids taken from the patterns' primary key, each looked up through `signals_pattern` (an `in` list the
   * planner cannot turn into a scan of every signal, whatever ANALYZE taught it).
   */
  private async patternFigures(scope: StatsScope): Promise<PatternFigures[]> {
    if (!this.chunked) return this.figuresOf(scope, null);
    const figures: PatternFigures[] = [];
    let after = "";
    let size = FIRST_CHUNK;
    for (;;) {
      const started = performance.now();
      const ids = await this.db.selectFrom("patterns").select("id").where("id", ">", after).orderBy("id").limit(size).execute();
      if (ids.length > 0)
        figures.push(
          ...(await this.figuresOf(
            scope,
            ids.map((row) => row.id),
          )),
        );
      if (ids.length < size) return figures;
      after = ids.at(-1)!.id;
      const took = performance.now() - started;
      size = took > CHUNK_BUDGET_MS ? Math.max(1, Math.floor(size / 2)) : took < CHUNK_BUDGET_MS / 3 ? Math.min(size * 2, 500) : size;
      await yieldToOthers();
    }
  }

  /** The figures of the given patterns (all when null). */
  private async figuresOf(scope: StatsScope, patternIds: string[] | null): Promise<PatternFigures[]> {
    let query = this.db
      .selectFrom("signals")
      .select((eb) => [
        "pattern_id",
        eb.fn.min("confidence_grade").as("grade"),
        eb.fn.min("pattern_type").as("pattern"),
        eb.fn.min("timeframe").as("timeframe"),
        eb.fn.countAll<number>().as("trader_signals"),
        sql<number>`sum(case when status = 'taken' then 1 else 0 end)`.as("trader_taken"),
      ])
      .where("is_test", "=", 0)
      .where("status", "!=", "rejected");
    if (patternIds !== null) query = query.where("pattern_id", "in", patternIds);
    if (scope === "taken") query = query.where("status", "=", "taken");
    const rows = await query.groupBy("pattern_id").execute();
    return rows.map((row) => ({
      pattern_id: row.pattern_id,
      grade: row.grade,
      pattern: row.pattern,
      timeframe: row.timeframe,
      traderSignals: Number(row.trader_signals),
      traderTaken: Number(row.trader_taken),
    }));
  }
}

/** Lets queued I/O and timers run between two chunks. */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
