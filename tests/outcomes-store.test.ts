import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserStore } from "@/server/auth/user-store";
import type { Clock } from "@/server/clock";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import type { Bar } from "@/server/detection/bar";
import { rootLogger } from "@/server/logger";
import { MarketWatch } from "@/server/outcomes/market-watch";
import { OUTCOME_TIMEOUT_MS } from "@/server/outcomes/outcome-rules";
import { OutcomeStore, type RecordedOutcome } from "@/server/outcomes/outcome-store";
import { performanceStats } from "@/server/outcomes/performance-stats";
import { TimeoutSweep } from "@/server/outcomes/timeout-sweep";
import { PatternStore } from "@/server/pipeline/pattern-store";
import { type SignalRow, SignalStore } from "@/server/pipeline/signal-store";
import { aaplSpring } from "./support/patterns";
import { signalRow } from "./support/signal-row";
import { freshDatabaseUrl } from "./support/test-server";

const POSTGRES_URL = `postgres://postgres@127.0.0.1:5432/test?schema=o_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
const T0 = 1_000_000_000;
const MINUTE = 60_000;
const preferences = {
  equity: "5000.00",
  risk_percentage: 1.5,
  min_confidence: 70,
  min_r_multiple: 2,
  ttl_seconds: 300,
  watchlist: [],
  sound: false,
  desktop_notifications: false,
};

/** A 1-minute bar closing at `closeAt`. */
const bar = (closeAt: number, low: number, high: number, close = (low + high) / 2): Bar => ({
  time: closeAt - MINUTE,
  open: close,
  high,
  low,
  close,
  volume: 1000,
});

/** A clock only the test moves. */
function fakeClock(start: number): Clock & { set(at: number): void } {
  let now = start;
  return { now: () => now, sleep: () => Promise.resolve(), set: (at) => (now = at) };
}

/** One node's outcome services on a shared database, announcing into `heard`. */
function node(handle: DatabaseHandle, clock: Clock) {
  const heard: RecordedOutcome[] = [];
  const store = new OutcomeStore(handle.db);
  const announce = (rows: RecordedOutcome[]) => heard.push(...rows);
  const timeouts = new TimeoutSweep({ store, clock, logger: rootLogger.child({ ns: "test" }, { level: "silent" }), announce });
  const watch = new MarketWatch({ store, timeouts, clock, announce });
  return { watch, timeouts, heard };
}

describe.each([
  ["SQLite", () => freshDatabaseUrl()],
  ["PostgreSQL", () => POSTGRES_URL],
])("outcomes on %s", (_name, url) => {
  let handle: DatabaseHandle;
  let second: DatabaseHandle;
  let signals: SignalStore;
  let users: UserStore;
  let patternId: string;
  let userId: string;
  let otherUserId: string;
  const clock = fakeClock(T0 + 10_000);

  const insert = async (overrides: Partial<SignalRow>) => {
    const row = signalRow({
      pattern_id: patternId,
      user_id: userId,
      created_at: T0,
      approved_at: T0,
      expires_at: T0 + 300_000,
      ...overrides,
    });
    await signals.insertMany([row]);
    return row;
  };
  const read = async (id: string) => handle.db.selectFrom("signals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    const address = url();
    handle = await openDatabase(address);
    second = await openDatabase(address);
    signals = new SignalStore(handle.db);
    users = new UserStore(handle.db);
    userId = (await users.create({ email: `o-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })).id;
    otherUserId = (await users.create({ email: `p-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })).id;
    patternId = randomUUID();
    await new PatternStore(handle.db).insert(patternId, aaplSpring(), "api", T0);
  });
  afterAll(async () => {
    await second?.close();
    await handle?.close();
  });

  it("counts only bars that close after approval, and invalidates a pending undecided signal", async () => {
    const { watch, heard } = node(handle, clock);
    const signal = await insert({ symbol: "RULE1" });
    // Closing at approval or before: never counts, however far it went.
    await watch.onBars("RULE1", "1m", [bar(T0 - MINUTE, 100, 200), bar(T0, 100, 200)]);
    expect((await read(signal.id)).outcome_result).toBeNull();
    // Reaches the target (high = target) one millisecond after approval.
    await watch.onBars("RULE1", "1m", [bar(T0 + 1, 150.0, 152.75)]);
    expect(await read(signal.id)).toMatchObject({
      status: "invalidated",
      invalidation_reason: "target_reached",
      outcome_result: "target",
      outcome_price: "152.75",
      outcome_at: T0 + 1,
      outcome_r: 333,
    });
    expect(heard.map((row) => [row.id, row.status])).toEqual([[signal.id, "invalidated"]]);
    // A later bar through the stop changes nothing: one outcome per signal.
    await watch.onBars("RULE1", "1m", [bar(T0 + 2 * MINUTE, 140, 151)]);
    expect((await read(signal.id)).outcome_result).toBe("target");
    expect(heard).toHaveLength(1);
  });

  it("takes the stop when one bar reaches both levels, mirrored for shorts, and leaves decided signals' status alone", async () => {
    const { watch } = node(handle, clock);
    const long = await insert({ symbol: "RULE2", status: "taken", decided_at: T0 + 5 });
    const short = await insert({
      symbol: "RULE3",
      direction: "short",
      pattern_type: "UTAD",
      entry_price: "100.00",
      stop_loss: "102.00",
      target_price: "96.00",
      r_multiple: "2.00",
      status: "expired",
    });
    await watch.onBars("RULE2", "1m", [bar(T0 + MINUTE, 149.5, 152.75)]);
    // Short: the low reaching the target is a win; a later bar through both levels changes nothing.
    await watch.onBars("RULE3", "1m", [bar(T0 + MINUTE, 96, 101)]);
    await watch.onBars("RULE3", "1m", [bar(T0 + 2 * MINUTE, 95, 103)]);
    expect(await read(long.id)).toMatchObject({ status: "taken", outcome_result: "stop", outcome_price: "149.50", outcome_r: -100 });
    expect(await read(short.id)).toMatchObject({ status: "expired", outcome_result: "target", outcome_price: "96.00", outcome_r: 200 });
    expect((await read(long.id)).invalidation_reason).toBeNull();
  });

  it("records one outcome when two nodes see the same bar at once", async () => {
    const a = node(handle, clock);
    const b = node(second, clock);
    const rows = await Promise.all(Array.from({ length: 20 }, () => insert({ symbol: "RACE" })));
    await Promise.all([
      a.watch.onBars("RACE", "1m", [bar(T0 + MINUTE, 149, 150)]),
      b.watch.onBars("RACE", "1m", [bar(T0 + MINUTE, 149, 150)]),
    ]);
    const announced = [...a.heard, ...b.heard].map((row) => row.id).sort();
    expect(announced).toEqual(rows.map((row) => row.id).sort());
  });

  it("times out after 24 hours at the latest close, by the injected clock, once", async () => {
    const clockA = fakeClock(T0);
    const a = node(handle, clockA);
    const b = node(second, clockA);
    const short = await insert({
      symbol: "SLOW",
      direction: "short",
      entry_price: "100.00",
      stop_loss: "102.00",
      target_price: "96.00",
      r_multiple: "2.00",
      status: "expired",
    });
    const unseen = await insert({ symbol: "NOBARS", status: "expired" });
    await a.watch.onBars("SLOW", "1m", [bar(T0 + MINUTE, 100.5, 101.5, 101)]);
    clockA.set(T0 + OUTCOME_TIMEOUT_MS - 1);
    expect(await a.timeouts.sweep()).toEqual([]);
    clockA.set(T0 + OUTCOME_TIMEOUT_MS);
    await Promise.all([a.timeouts.sweep(), b.timeouts.sweep()]);
    expect(await read(short.id)).toMatchObject({
      outcome_result: "timeout",
      outcome_price: "101.00",
      outcome_at: T0 + OUTCOME_TIMEOUT_MS,
      outcome_r: -50,
    });
    // No bar ever seen for the symbol: measured at the entry, 0 R.
    expect(await read(unseen.id)).toMatchObject({ outcome_result: "timeout", outcome_price: "150.25", outcome_r: 0 });
    expect([...a.heard, ...b.heard].map((row) => row.id).sort()).toEqual([short.id, unseen.id].sort());
  });

  it("times out rather than counting a bar that closes after the 24-hour mark", async () => {
    const { watch } = node(handle, clock);
    const signal = await insert({ symbol: "LATE", status: "skipped" });
    await watch.onBars("LATE", "1m", [bar(T0 + MINUTE, 150, 151, 150.625)]);
    await watch.onBars("LATE", "1m", [bar(T0 + OUTCOME_TIMEOUT_MS + MINUTE, 140, 141)]);
    // (150.625 − 150.25) / 0.75 = 0.5 R, at the close before the late bar.
    expect(await read(signal.id)).toMatchObject({ outcome_result: "timeout", outcome_price: "150.63", outcome_r: 50 });
    // The same within one request: the close before the late bar is the one measured.
    const batched = await insert({ symbol: "LATE2", status: "skipped" });
    await watch.onBars("LATE2", "1m", [bar(T0 + MINUTE, 150, 151, 150.625), bar(T0 + OUTCOME_TIMEOUT_MS + MINUTE, 140, 141)]);
    expect(await read(batched.id)).toMatchObject({ outcome_result: "timeout", outcome_price: "150.63", outcome_r: 50 });
  });

  describe("statistics", () => {
    let statsUser: string;
    let otherUser: string;

    beforeAll(async () => {
      statsUser = (await users.create({ email: `s-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })).id;
      otherUser = otherUserId;
      const clockS = fakeClock(T0);
      const { watch, timeouts } = node(handle, clockS);
      const mine = (overrides: Partial<SignalRow>) => insert({ user_id: statsUser, ...overrides });
      const short = { direction: "short", entry_price: "100.00", stop_loss: "102.00", target_price: "96.00", r_multiple: "2.00" } as const;
      await mine({ symbol: "ST1", confidence_grade: "A+", pattern_type: "SPRING", status: "taken" }); // target +3.33
      await mine({
        symbol: "ST2",
        confidence_grade: "A+",
        pattern_type: "SPRING",
        status: "skipped",
        entry_price: "100.00",
        stop_loss: "99.00",
        target_price: "102.00",
        r_multiple: "2.00",
      }); // stop −1
      await mine({
        symbol: "ST3",
        confidence_grade: "A",
        pattern_type: "SOS",
        status: "taken",
        entry_price: "100.00",
        stop_loss: "98.00",
        target_price: "105.00",
        r_multiple: "2.50",
      }); // target +2.50
      await mine({ symbol: "ST4", confidence_grade: "A", pattern_type: "SOS", status: "expired" }); // open
      await mine({ symbol: "ST5", confidence_grade: "B", pattern_type: "UTAD", status: "expired", ...short }); // timeout −0.50
      await mine({ symbol: "ST6", confidence_grade: "B", pattern_type: "UTAD", status: "taken", ...short }); // timeout +0.01 (0.005 half up)
      await mine({ symbol: "ST1", confidence_grade: "A+", status: "rejected", approved_at: null, expires_at: null }); // never counted
      await mine({
        symbol: "ST2",
        confidence_grade: "A+",
        status: "taken",
        is_test: 1,
        entry_price: "100.00",
        stop_loss: "99.00",
        target_price: "102.00",
      }); // test: left out
      await mine({
        symbol: "ST9",
        confidence_grade: "C",
        pattern_type: "LPS",
        status: "approved",
        expires_at: T0 + 10 * OUTCOME_TIMEOUT_MS,
      }); // open
      await insert({
        user_id: otherUser,
        symbol: "ST10",
        confidence_grade: "F",
        pattern_type: "SOW",
        status: "taken",
        direction: "short",
        entry_price: "50.00",
        stop_loss: "51.00",
        target_price: "47.00",
        r_multiple: "3.00",
      }); // both → stop −1

      await watch.onBars("ST1", "1m", [bar(T0 + MINUTE, 150, 152.75)]);
      await watch.onBars("ST2", "1m", [bar(T0 + MINUTE, 99, 101)]);
      await watch.onBars("ST3", "1m", [bar(T0 + MINUTE, 100, 105.5)]);
      await watch.onBars("ST5", "1m", [bar(T0 + MINUTE, 100.5, 101.5, 101)]);
      await watch.onBars("ST6", "1m", [bar(T0 + MINUTE, 99.5, 100.5, 99.99)]);
      await watch.onBars("ST10", "1m", [bar(T0 + MINUTE, 46.9, 51.2)]);
      // ST4 and ST9 stay open: only these two symbols are timed out.
      await timeouts.timeOutDue(T0, "ST5");
      await timeouts.timeOutDue(T0, "ST6");
    });

    const entry = (
      key: string,
      signals: number,
      taken: number,
      wins: number,
      losses: number,
      open: number,
      win_rate: number | null,
      expectancy_r: number | null,
    ) => ({
      key,
      signals,
      taken,
      wins,
      losses,
      open,
      win_rate,
      expectancy_r,
    });

    it("gives exact figures per grade, per pattern and in total, with null before the first outcome", async () => {
      const stats = await performanceStats(handle.db, statsUser, "all");
      expect(stats.by_grade).toEqual([
        entry("A+", 2, 1, 1, 1, 0, 0.5, 1.17),
        entry("A", 2, 1, 1, 0, 1, 1, 2.5),
        entry("B", 2, 1, 1, 1, 0, 0.5, -0.25),
        entry("C", 1, 0, 0, 0, 1, null, null),
      ]);
      expect(stats.by_pattern).toEqual([
        entry("SPRING", 2, 1, 1, 1, 0, 0.5, 1.17),
        entry("SOS", 2, 1, 1, 0, 1, 1, 2.5),
        entry("LPS", 1, 0, 0, 0, 1, null, null),
        entry("UTAD", 2, 1, 1, 1, 0, 0.5, -0.25),
      ]);
      expect(stats.totals).toEqual(entry("all", 7, 3, 3, 2, 2, 0.6, 0.87));
      expect(stats.curve.at(-1)?.cumulative_r).toBe(4.34);
    });

    it("narrows to taken signals", async () => {
      const stats = await performanceStats(handle.db, statsUser, "taken");
      expect(stats.by_grade).toEqual([
        entry("A+", 1, 1, 1, 0, 0, 1, 3.33),
        entry("A", 1, 1, 1, 0, 0, 1, 2.5),
        entry("B", 1, 1, 1, 0, 0, 1, 0.01),
      ]);
      expect(stats.totals).toEqual(entry("all", 3, 3, 3, 0, 0, 1, 1.95));
    });

    it("answers zeros and nulls for a user without signals", async () => {
      const nobody = (await users.create({ email: `n-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })).id;
      expect(await performanceStats(handle.db, nobody, "all")).toEqual({
        by_grade: [],
        by_pattern: [],
        totals: entry("all", 0, 0, 0, 0, 0, null, null),
        scope: "all",
        curve: [],
      });
    });

    it("covers every user for admins", async () => {
      const stats = await performanceStats(handle.db, null, "all");
      const f = stats.by_grade.find((row) => row.key === "F");
      expect(f).toEqual(entry("F", 1, 1, 0, 1, 0, 0, -1));
      expect(stats.totals.signals).toBeGreaterThanOrEqual(8);
    });
  });
});
