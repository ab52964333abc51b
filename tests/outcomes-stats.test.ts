import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import { ADMIN_STATS_TTL_MS, AdminStats } from "@/server/outcomes/admin-stats";
import { userStats } from "@/server/outcomes/performance-stats";
import { FakeClock } from "./support/fake-clock";
import { freshDatabaseUrl } from "./support/test-server";
import { approvePattern, bar, node, postgresUrl, preferences, SHORT, T0 } from "./support/outcome-fixtures";

const HOUR = 60 * 60_000;

/** An expected statistics row: contract §8's fields, then issue 21's additions. */
const entry = (
  key: string,
  [signals, taken, wins, losses, open]: [number, number, number, number, number],
  [win_rate, expectancy_r]: [number | null, number | null],
  [scratches, not_filled, no_data, win_rate_sample, expectancy_sample]: [number, number, number, number, number],
  traders?: [number, number],
) => ({
  key,
  signals,
  taken,
  wins,
  losses,
  open,
  win_rate,
  expectancy_r,
  scratches,
  not_filled,
  no_data,
  win_rate_sample,
  expectancy_sample,
  ...(traders ? { trader_signals: traders[0], trader_taken: traders[1] } : {}),
});

describe.each([
  ["SQLite", () => freshDatabaseUrl()],
  ["PostgreSQL", postgresUrl],
])("statistics on %s", (_name, url) => {
  let handle: DatabaseHandle;
  let me: string;
  let other: string;
  const clock = new FakeClock(T0);

  beforeAll(async () => {
    handle = await openDatabase(url());
    const users = new UserStore(handle.db);
    const user = async () =>
      (await users.create({ email: `s-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })).id;
    me = await user();
    other = await user();
    const { watch, timeouts } = node(handle, clock);
    const mine = (symbol: string, pattern: object, signal: object, approvedAt = T0) =>
      approvePattern(handle, { symbol, ...pattern }, [{ user_id: me, ...signal }], approvedAt);
    // One pattern for two traders: the desk counts it once.
    await approvePattern(handle, { symbol: "ST1" }, [
      { user_id: me, confidence_grade: "A+", status: "taken" },
      { user_id: other, confidence_grade: "A+", status: "skipped" },
    ]); // target +3.33
    const hundred = { entry_price: "100.00", stop_loss: "99.00", target_price: "102.00" };
    await mine("ST2", hundred, { confidence_grade: "A+", status: "skipped" }); // stop −1
    const sos = { pattern_type: "SOS", entry_price: "100.00", stop_loss: "98.00", target_price: "105.00" };
    await mine("ST3", sos, { confidence_grade: "A", status: "taken" }); // target +2.50
    await mine("ST4", { pattern_type: "SOS" }, { confidence_grade: "A", status: "expired" }, T0 + 40 * HOUR); // open
    await mine("ST5", SHORT, { confidence_grade: "B", status: "expired" }); // timeout −0.50
    await mine("ST6", SHORT, { confidence_grade: "B", status: "taken" }); // timeout +0.01: a scratch
    await mine("ST7", {}, { confidence_grade: "A+", status: "rejected", approved_at: null, expires_at: null }); // never counted
    await mine("ST8", hundred, { confidence_grade: "A+", status: "taken", is_test: 1 }); // test: left out
    await mine("ST9", { pattern_type: "LPS" }, { confidence_grade: "C", status: "approved" }, T0 + 40 * HOUR); // open
    await mine("ST11", { timeframe: "1h" }, { confidence_grade: "B", status: "skipped" }); // no bar in 50 hours: no_data
    const limit = { type: "limit", price: "150.00", valid_bars: 1 } as const;
    await mine("ST12", { pattern_type: "TEST", timeframe: "15m", entry_order: limit }, { confidence_grade: "C", status: "taken" }); // not_filled
    const sow = { pattern_type: "SOW", entry_price: "50.00", stop_loss: "51.00", target_price: "47.00" } as const;
    await approvePattern(handle, { symbol: "ST10", ...sow } as const, [{ user_id: other, confidence_grade: "F", status: "taken" }]); // stop −1

    await watch.onBars("ST1", "5m", [bar(T0, 150.3, 152.75, 150, 152)]);
    await watch.onBars("ST2", "5m", [bar(T0, 100, 101, 99, 100)]);
    await watch.onBars("ST3", "5m", [bar(T0, 100, 105.5, 100, 105)]);
    await watch.onBars("ST5", "5m", [bar(T0, 100.6, 101.5, 100.5, 101)]);
    await watch.onBars("ST6", "5m", [bar(T0, 100, 100.5, 99.5, 99.99)]);
    await watch.onBars("ST8", "5m", [bar(T0, 100, 101, 99, 100)]);
    await watch.onBars("ST10", "5m", [bar(T0, 50, 51.2, 46.9, 50)]);
    await watch.onBars("ST12", "15m", [bar(T0, 150.3, 151, 150.1, 150.5)]);
    // ST5, ST6 (24 hours) and ST11 (50 one-hour bars) time out; ST4 and ST9, approved later, stay open.
    await clock.advance(50 * HOUR);
    await timeouts.sweep();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("gives a trader exact figures per grade, pattern and timeframe, with scratches, not_filled and no_data apart", async () => {
    const stats = await userStats(handle.db, me, "all");
    expect(stats.by_grade).toEqual([
      entry("A+", [2, 1, 1, 1, 0], [0.5, 1.17], [0, 0, 0, 2, 2]),
      entry("A", [2, 1, 1, 0, 1], [1, 2.5], [0, 0, 0, 1, 1]),
      entry("B", [3, 1, 0, 1, 0], [0, -0.25], [1, 0, 1, 1, 2]),
      entry("C", [2, 1, 0, 0, 1], [null, null], [0, 1, 0, 0, 0]),
    ]);
    expect(stats.by_pattern).toEqual([
      entry("SPRING", [3, 1, 1, 1, 0], [0.5, 1.17], [0, 0, 1, 2, 2]),
      entry("TEST", [1, 1, 0, 0, 0], [null, null], [0, 1, 0, 0, 0]),
      entry("SOS", [2, 1, 1, 0, 1], [1, 2.5], [0, 0, 0, 1, 1]),
      entry("LPS", [1, 0, 0, 0, 1], [null, null], [0, 0, 0, 0, 0]),
      entry("UTAD", [2, 1, 0, 1, 0], [0, -0.25], [1, 0, 0, 1, 2]),
    ]);
    expect(stats.by_timeframe).toEqual([
      entry("5m", [7, 3, 2, 2, 2], [0.5, 0.87], [1, 0, 0, 4, 5]),
      entry("15m", [1, 1, 0, 0, 0], [null, null], [0, 1, 0, 0, 0]),
      entry("1h", [1, 0, 0, 0, 0], [null, null], [0, 0, 1, 0, 0]),
    ]);
    // (3.33 − 1 + 2.50 − 0.50 + 0.01) / 5 = 0.87: the scratch is in the mean, not in the win rate.
    expect(stats.totals).toEqual(entry("all", [9, 4, 2, 2, 2], [0.5, 0.87], [1, 1, 1, 4, 5]));
    // Five traded outcomes (their order within one moment is the database's); the curve ends at their sum.
    expect(stats.curve.map((point) => point.r).sort((a, b) => a - b)).toEqual([-1, -0.5, 0.01, 2.5, 3.33]);
    expect(stats.curve.at(-1)?.cumulative_r).toBe(4.34);
  });

  it("narrows to taken signals", async () => {
    const stats = await userStats(handle.db, me, "taken");
    expect(stats.totals).toEqual(entry("all", [4, 4, 2, 0, 0], [1, 1.95], [1, 1, 0, 2, 3]));
  });

  it("answers zeros and nulls for a trader without signals", async () => {
    const nobody = (
      await new UserStore(handle.db).create({ email: `n-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })
    ).id;
    expect(await userStats(handle.db, nobody, "all")).toEqual({
      by_grade: [],
      by_pattern: [],
      by_timeframe: [],
      totals: entry("all", [0, 0, 0, 0, 0], [null, null], [0, 0, 0, 0, 0]),
      scope: "all",
      curve: [],
    });
  });

  it("counts each pattern once for admins, with the per-trader rows beside it", async () => {
    const stats = await new AdminStats(handle.db, clock).compute("all");
    expect(stats.by_grade).toEqual([
      entry("A+", [2, 1, 1, 1, 0], [0.5, 1.17], [0, 0, 0, 2, 2], [3, 1]),
      entry("A", [2, 1, 1, 0, 1], [1, 2.5], [0, 0, 0, 1, 1], [2, 1]),
      entry("B", [3, 1, 0, 1, 0], [0, -0.25], [1, 0, 1, 1, 2], [3, 1]),
      entry("C", [2, 1, 0, 0, 1], [null, null], [0, 1, 0, 0, 0], [2, 1]),
      entry("F", [1, 1, 0, 1, 0], [0, -1], [0, 0, 0, 1, 1], [1, 1]),
    ]);
    // (3.33 − 1 + 2.50 − 0.50 + 0.01 − 1) / 6 = 0.5567.
    expect(stats.totals).toEqual(entry("all", [10, 5, 2, 3, 2], [0.4, 0.56], [1, 1, 1, 5, 6], [11, 5]));
    expect(stats.curve.at(-1)?.cumulative_r).toBe(3.34);
    const taken = await new AdminStats(handle.db, clock).compute("taken");
    expect(taken.totals).toEqual(entry("all", [5, 5, 2, 1, 0], [0.67, 1.21], [1, 1, 0, 3, 4], [5, 5]));
  });

  it("serves admins a cached answer for a few seconds, then a fresh one", async () => {
    const admin = new AdminStats(handle.db, clock);
    expect((await admin.get("all")).totals.signals).toBe(10);
    await approvePattern(handle, { symbol: "ST13" }, [{ user_id: other, confidence_grade: "B", status: "approved" }], clock.now());
    await clock.advance(ADMIN_STATS_TTL_MS - 1);
    expect((await admin.get("all")).totals.signals).toBe(10);
    await clock.advance(1);
    expect((await admin.get("all")).totals.signals).toBe(11);
  });
});
