/*
 * Measures the outcome check and the statistics at scale, on a fresh database (SQLite file by default, or
 * `--database postgres://…?schema=…`):
 *   1. time per bar of the market watch with P open patterns on one symbol, each sent to U traders (P × U open
 *      signals; a bar that decides nothing: the common case), against the same bar on a symbol with none;
 *      then one bar deciding every one of them (P × U signal rows updated);
 *   2. the statistics over M approved signals (M / 1000 patterns of 1000 traders each): one trader's (live),
 *      and the admin's (each pattern once), with the longest the event loop was held while it was computed.
 * Usage: npm run bench:outcomes -- [--patterns 100] [--users 100] [--bars 50] [--stats-rows 1000000] [--database URL]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "../server/db/database";
import type { Bar } from "../server/detection/bar";
import { AdminStats } from "../server/outcomes/admin-stats";
import { MarketWatch } from "../server/outcomes/market-watch";
import { OutcomeStore } from "../server/outcomes/outcome-store";
import { userStats } from "../server/outcomes/performance-stats";

const { values } = parseArgs({
  options: {
    patterns: { type: "string", default: "100" },
    users: { type: "string", default: "100" },
    bars: { type: "string", default: "50" },
    "stats-rows": { type: "string", default: "1000000" },
    database: { type: "string" },
  },
});
const PATTERNS = Number(values.patterns);
const USERS = Number(values.users);
const BARS = Number(values.bars);
const STATS_ROWS = Number(values["stats-rows"]);
const T0 = Date.now() - 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;
const OLD_INDEXES = [
  "signals_open_by_symbol",
  "signals_open_by_approval",
  "signals_stats_user",
  "signals_stats_all",
  "signals_outcome_time",
  "signals_outcome_time_all",
];

/** SQL text of a number (SQLite binds JS numbers as REAL, which would turn 'bs-' || n into 'bs-1.0'). */
const n = (value: number) => sql.raw(String(value));

/**
 * `patterns` patterns (ids p<first>…) of `users` traders each, generated inside the database. symbolOf: an SQL
 * expression of the pattern number p. `open`: watched and undecided; else decided (a third each stop, target,
 * timeout) with the outcome on the signals and in pattern_outcomes.
 */
async function seed(handle: DatabaseHandle, o: { first: number; patterns: number; users: number; symbolOf: string; open: boolean }) {
  const { db } = handle;
  await sql`insert into users (id, email, password_hash, role, equity, risk_percentage, created_at)
    with recursive seq(n) as (select 0 union all select n + 1 from seq where n < ${n(Math.max(o.users, 1000) - 1)})
    select 'bu-' || n, 'bu-' || n || '@example.com', 'x', 'trader', '10000.00', '1', 0 from seq where true
    on conflict do nothing`.execute(db);
  const last = o.first + o.patterns - 1;
  const patterns = sql`with recursive seq(p) as (select ${n(o.first)} union all select p + 1 from seq where p < ${n(last)})`;
  await sql`insert into patterns (id, symbol, pattern_type, timeframe, detected_at, entry_price, stop_loss, target_price,
      pattern_quality, phase_strength, volume_ratio, source, created_at)
    ${patterns} select 'bp-' || p, ${sql.raw(o.symbolOf)}, case p % 4 when 0 then 'SPRING' when 1 then 'TEST' when 2 then 'SOS' else 'LPS' end,
      case p % 3 when 0 then '5m' when 1 then '15m' else '1h' end, ${n(T0)}, '100.00', '99.00', '102.00', 1, 1, 0.3, 'api', ${n(T0)} from seq`.execute(
    db,
  );
  if (o.open) {
    await sql`insert into pattern_watch (pattern_id, symbol, direction, timeframe, approved_at, deadline, entry_type, entry_price,
        stop_loss, target_price, valid_bars)
      ${patterns} select 'bp-' || p, ${sql.raw(o.symbolOf)}, 'long', '5m', ${n(T0)}, ${n(T0 + DAY)}, 'market', '100.00', '99.00', '102.00', 1 from seq`.execute(
      db,
    );
  } else {
    await sql`insert into pattern_outcomes (pattern_id, symbol, pattern_type, timeframe, result, price, at, r)
      ${patterns} select 'bp-' || p, ${sql.raw(o.symbolOf)}, 'SPRING', '5m',
        case p % 3 when 0 then 'stop' when 1 then 'target' else 'timeout' end, '100.00', ${n(T0 + 1000)} + p,
        case p % 3 when 0 then -100 when 1 then 200 else 5 end from seq`.execute(db);
  }
  const outcome = o.open
    ? sql`null, null, null, null`
    : sql`case p % 3 when 0 then 'stop' when 1 then 'target' else 'timeout' end, '100.00', ${n(T0 + 1000)} + p,
        case p % 3 when 0 then -100 when 1 then 200 else 5 end`;
  await sql`insert into signals (id, pattern_id, user_id, symbol, pattern_type, direction, timeframe, status,
      confidence_score, confidence_grade, volume_score, entry_price, stop_loss, target_price, shares, risk_amount,
      risk_percentage, r_multiple, position_value, is_test, created_at, approved_at, expires_at, delivery_attempts,
      outcome_result, outcome_price, outcome_at, outcome_r)
    ${patterns}, users(u) as (select 0 union all select u + 1 from users where u < ${n(o.users - 1)})
    select 'bs-' || p || '-' || u, 'bp-' || p, 'bu-' || u, ${sql.raw(o.symbolOf)},
      case p % 4 when 0 then 'SPRING' when 1 then 'TEST' when 2 then 'SOS' else 'LPS' end, 'long',
      case p % 3 when 0 then '5m' when 1 then '15m' else '1h' end,
      case (p + u) % 4 when 0 then 'taken' when 1 then 'skipped' else 'expired' end,
      '80.00', case p % 5 when 0 then 'A+' when 1 then 'A' when 2 then 'B' when 3 then 'C' else 'F' end, '1.00',
      '100.00', '99.00', '102.00', 10, '10.00', '1', '2.00', '1000.00', 0, ${n(T0)}, ${n(T0)}, ${n(T0 + 300_000)}, 1, ${outcome}
    from seq, users`.execute(db);
}

const bar = (time: number, low: number, high: number): Bar => ({ time, open: 100, high, low, close: 100, volume: 1 });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timeBars(watch: MarketWatch, symbol: string): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < BARS; i++) {
    const started = performance.now();
    // Inside the levels (99.00 … 102.00): every open pattern is compared, none decided.
    await watch.onBars(symbol, "1m", [bar(T0 + 60_000 * i, 99.5, 101.5)]);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

/** Runs `work` while a 1-ms ticker records the longest stretch the event loop was held. */
async function withLongestBlock<T>(work: () => Promise<T>): Promise<{ ms: number; blockedMs: number; result: T }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(ticker);
  longest = Math.max(longest, performance.now() - last);
  return { ms, blockedMs: longest, result };
}

async function main(): Promise<void> {
  const url = values.database ?? `file:${join(mkdtempSync(join(tmpdir(), "outcomes-bench-")), "bench.db")}`;
  const handle = await openDatabase(url);
  // As after migration 0008 (issue 20, another branch): `signals` without its outcome and statistics indexes.
  for (const index of OLD_INDEXES) await handle.db.schema.dropIndex(index).ifExists().execute();
  const clock = { now: () => T0 + 120_000, sleep: () => Promise.resolve() };
  const store = new OutcomeStore(handle.db);
  const watch = new MarketWatch({ store, clock, announce: () => undefined });

  await seed(handle, { first: 0, patterns: PATTERNS, users: USERS, symbolOf: "'HOT'", open: true });
  const baseline = await timeBars(watch, "COLD");
  const loaded = await timeBars(watch, "HOT");
  const decideStarted = performance.now();
  const decided = await watch.onBars("HOT", "1m", [bar(T0 + 60_000 * (BARS + 2), 98, 101)]);
  const decideMs = performance.now() - decideStarted;

  const statsPatterns = Math.ceil(STATS_ROWS / 1000);
  await seed(handle, { first: PATTERNS, patterns: statsPatterns, users: 1000, symbolOf: "'S' || (p % 50)", open: false });
  if (handle.dialect === "sqlite") await sql`analyze`.execute(handle.db);
  await userStats(handle.db, "bu-7", "all");
  const oneUser = await withLongestBlock(() => userStats(handle.db, "bu-7", "all"));
  const admin = new AdminStats(handle.db, clock);
  await admin.compute("all");
  const allUsers = await withLongestBlock(() => admin.compute("all"));
  await admin.get("all");
  const cached = await withLongestBlock(() => admin.get("all"));

  const round = (ms: number) => Math.round(ms * 100) / 100;
  console.log(
    JSON.stringify(
      {
        database: handle.dialect,
        open_patterns_on_symbol: PATTERNS,
        open_signals_on_symbol: PATTERNS * USERS,
        bars: BARS,
        per_bar_ms_no_open_patterns: { median: round(baseline.median), p95: round(baseline.p95) },
        per_bar_ms_with_open_patterns: { median: round(loaded.median), p95: round(loaded.p95) },
        one_bar_deciding_all_ms: round(decideMs),
        decided_signals: decided.length,
        stats_rows: statsPatterns * 1000 + PATTERNS * USERS,
        stats_one_user_ms: round(oneUser.ms),
        stats_one_user_longest_block_ms: round(oneUser.blockedMs),
        stats_admin_compute_ms: round(allUsers.ms),
        stats_admin_longest_block_ms: round(allUsers.blockedMs),
        stats_admin_patterns: allUsers.result.totals.signals,
        stats_admin_cached_ms: round(cached.ms),
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
