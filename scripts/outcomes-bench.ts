/*
 * Measures the outcome check and the statistics at scale, on a fresh database (SQLite file by default, or
 * `--database postgres://…?schema=…`):
 *   1. time per bar of the market watch with N open signals on one symbol (a bar that decides nothing: the
 *      common case, every open signal of the symbol is compared), against the same bar with no open signal;
 *   2. GET /api/stats's query for one user and for all users over M approved signals.
 * Usage: npm run bench:outcomes -- [--open 10000] [--bars 50] [--stats-rows 1000000] [--database URL]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "../server/db/database";
import type { Bar } from "../server/detection/bar";
import { rootLogger } from "../server/logger";
import { MarketWatch } from "../server/outcomes/market-watch";
import { OutcomeStore } from "../server/outcomes/outcome-store";
import { performanceStats } from "../server/outcomes/performance-stats";
import { TimeoutSweep } from "../server/outcomes/timeout-sweep";

const { values } = parseArgs({
  options: {
    open: { type: "string", default: "10000" },
    bars: { type: "string", default: "50" },
    "stats-rows": { type: "string", default: "1000000" },
    database: { type: "string" },
  },
});
const OPEN = Number(values.open);
const BARS = Number(values.bars);
const STATS_ROWS = Number(values["stats-rows"]);
const T0 = Date.now() - 60 * 60 * 1000;

const quiet = rootLogger.child({ ns: "bench" }, { level: "silent" });

/** Users, one pattern and `count` approved signals generated inside the database (a recursive series). */
async function seed(handle: DatabaseHandle, count: number, symbolOf: string, firstId: number): Promise<void> {
  const { db } = handle;
  await sql`insert into users (id, email, password_hash, role, equity, risk_percentage, created_at)
    with recursive seq(n) as (select 0 union all select n + 1 from seq where n < 999)
    select 'bu-' || n, 'bu-' || n || '@example.com', 'x', 'trader', '10000.00', '1', 0 from seq where true
    on conflict do nothing`.execute(db);
  await sql`insert into patterns (id, symbol, pattern_type, timeframe, detected_at, entry_price, stop_loss, target_price,
      pattern_quality, phase_strength, volume_ratio, source, created_at)
    values ('bench-pattern', 'X', 'SPRING', '5m', 0, '100.00', '99.00', '102.00', 1, 1, 0.3, 'api', 0)
    on conflict do nothing`.execute(db);
  // Numbers go in as SQL text: SQLite binds JS numbers as REAL, which would turn 'bs-' || n into 'bs-1.0'.
  // symbolOf: an SQL expression of n. Statuses, grades, patterns and outcomes cycle so every group has rows.
  await sql`insert into signals (id, pattern_id, user_id, symbol, pattern_type, direction, timeframe, status,
      confidence_score, confidence_grade, volume_score, entry_price, stop_loss, target_price, shares, risk_amount,
      risk_percentage, r_multiple, position_value, is_test, created_at, approved_at, expires_at, delivery_attempts,
      outcome_result, outcome_price, outcome_at, outcome_r)
    with recursive seq(n) as (select ${sql.raw(String(firstId))} union all select n + 1 from seq where n < ${sql.raw(String(firstId + count - 1))})
    select 'bs-' || n, 'bench-pattern', 'bu-' || (n % 1000), ${sql.raw(symbolOf)},
      case n % 4 when 0 then 'SPRING' when 1 then 'TEST' when 2 then 'SOS' else 'LPS' end, 'long', '5m',
      case n % 4 when 0 then 'taken' when 1 then 'skipped' else 'expired' end,
      '80.00', case n % 5 when 0 then 'A+' when 1 then 'A' when 2 then 'B' when 3 then 'C' else 'F' end, '1.00',
      '100.00', '99.00', '102.00', 10, '10.00', '1', '2.00', '1000.00', 0, ${sql.raw(String(T0))}, ${sql.raw(String(T0))}, ${sql.raw(String(T0 + 300_000))}, 1,
      ${sql.raw(symbolOf === "'HOT'" ? "null, null, null, null" : "case n % 3 when 0 then 'stop' when 1 then 'target' else null end, case n % 3 when 0 then '99.00' when 1 then '102.00' else null end, case n % 3 when 2 then null else " + String(T0 + 1000) + " + n end, case n % 3 when 0 then -100 when 1 then 200 else null end")}
    from seq`.execute(db);
}

const bar = (closeAt: number, low: number, high: number): Bar => ({ time: closeAt - 60_000, open: 100, high, low, close: 100, volume: 1 });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timeBars(watch: MarketWatch, symbol: string): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < BARS; i++) {
    const started = performance.now();
    // Inside the levels (99.00 … 102.00): every open signal is compared, none decided.
    await watch.onBars(symbol, "1m", [bar(T0 + 60_000 * (i + 1), 99.5, 101.5)]);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

async function main(): Promise<void> {
  const url = values.database ?? `file:${join(mkdtempSync(join(tmpdir(), "outcomes-bench-")), "bench.db")}`;
  const handle = await openDatabase(url);
  const clock = { now: () => T0 + 120_000, sleep: () => Promise.resolve() };
  const store = new OutcomeStore(handle.db);
  const announce = () => undefined;
  const timeouts = new TimeoutSweep({ store, clock, logger: quiet, announce });
  const watch = new MarketWatch({ store, timeouts, clock, announce });

  await seed(handle, OPEN, "'HOT'", 0);
  const baseline = await timeBars(watch, "COLD");
  const loaded = await timeBars(watch, "HOT");
  const decideStarted = performance.now();
  const decided = await watch.onBars("HOT", "1m", [bar(T0 + 60_000 * (BARS + 2), 98, 101)]);
  const decideMs = performance.now() - decideStarted;

  await seed(handle, STATS_ROWS, "'S' || (n % 50)", OPEN);
  const statsTimes = async (userId: string | null) => {
    await performanceStats(handle.db, userId, "all");
    const started = performance.now();
    await performanceStats(handle.db, userId, "all");
    return performance.now() - started;
  };
  const oneUser = await statsTimes("bu-7");
  const allUsers = await statsTimes(null);

  const round = (ms: number) => Math.round(ms * 100) / 100;
  console.log(
    JSON.stringify(
      {
        database: handle.dialect,
        open_signals_on_symbol: OPEN,
        bars: BARS,
        per_bar_ms_no_open_signals: { median: round(baseline.median), p95: round(baseline.p95) },
        per_bar_ms_with_open_signals: { median: round(loaded.median), p95: round(loaded.p95) },
        one_bar_deciding_all_ms: round(decideMs),
        decided: decided.length,
        stats_rows: STATS_ROWS + OPEN,
        stats_one_user_ms: round(oneUser),
        stats_all_users_ms: round(allUsers),
      },
      null,
      2,
    ),
  );
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
