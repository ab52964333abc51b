import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pattern } from "@/lib/pattern";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import { OUTCOME_TIMEOUT_MS } from "@/server/outcomes/outcome-rules";
import type { SignalRow } from "@/server/pipeline/signal-store";
import { FakeClock } from "./support/fake-clock";
import { approvePattern, bar, node, postgresUrl, preferences, SHORT, T0 } from "./support/outcome-fixtures";
import { freshDatabaseUrl } from "./support/test-server";

const MINUTE = 60_000;
const FIVE = 5 * MINUTE;
const HOUR = 60 * MINUTE;

describe.each([
  ["SQLite", () => freshDatabaseUrl()],
  ["PostgreSQL", postgresUrl],
])("outcomes on %s", (name, url) => {
  let handle: DatabaseHandle;
  let second: DatabaseHandle;
  let userId: string;
  const clock = new FakeClock(T0 + 10_000);

  const read = async (id: string) => handle.db.selectFrom("signals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const one = async (pattern: Partial<Pattern>, overrides: Partial<SignalRow> = {}, approvedAt = T0) =>
    (await approvePattern(handle, pattern, [{ user_id: userId, ...overrides }], approvedAt)).rows[0]!;

  beforeAll(async () => {
    const address = url();
    handle = await openDatabase(address);
    // SQLite serves one process: its "second node" shares the handle (two handles in one process would wait
    // synchronously on each other's transaction). PostgreSQL's second node has a pool of its own.
    second = name === "SQLite" ? handle : await openDatabase(address);
    userId = (
      await new UserStore(handle.db).create({ email: `o-${randomUUID()}@example.com`, passwordHash: "x", role: "trader", preferences })
    ).id;
  });
  afterAll(async () => {
    if (second !== handle) await second?.close();
    await handle?.close();
  });

  it("counts only bars of the signal's timeframe or finer that open at or after approval, and invalidates a pending signal", async () => {
    const { watch, heard } = node(handle, clock);
    const signal = await one({ symbol: "RULE1" });
    // Opened before approval (closes after it): its low may have come first. Coarser bars never count.
    await watch.onBars("RULE1", "5m", [bar(T0 - MINUTE, 150.3, 160, 140, 150)]);
    await watch.onBars("RULE1", "1d", [bar(T0 - HOUR, 150.3, 160, 140, 150)]);
    await watch.onBars("RULE1", "1h", [bar(T0 + MINUTE, 150.3, 160, 140, 150)]);
    expect((await read(signal.id)).outcome_result).toBeNull();
    // A 1-minute bar opening at approval reaches the target (high = target).
    await watch.onBars("RULE1", "1m", [bar(T0, 150.3, 152.75, 150.0, 152)]);
    expect(await read(signal.id)).toMatchObject({
      status: "invalidated",
      invalidation_reason: "target_reached",
      outcome_result: "target",
      outcome_price: "152.75",
      outcome_at: T0 + MINUTE,
      outcome_r: 333,
    });
    expect(heard.map((row) => [row.id, row.status])).toEqual([[signal.id, "invalidated"]]);
    // A later bar through the stop changes nothing: one outcome per signal.
    await watch.onBars("RULE1", "1m", [bar(T0 + 2 * MINUTE, 150, 151, 140, 141)]);
    expect((await read(signal.id)).outcome_result).toBe("target");
    expect(heard).toHaveLength(1);
  });

  it("takes the stop when one bar reaches both levels, mirrored for shorts, and leaves decided signals' status alone", async () => {
    const { watch } = node(handle, clock);
    const long = await one({ symbol: "RULE2" }, { status: "taken", decided_at: T0 + 5 });
    const short = await one({ symbol: "RULE3", ...SHORT }, { status: "expired" });
    await watch.onBars("RULE2", "5m", [bar(T0, 150.3, 152.75, 149.5, 150)]);
    await watch.onBars("RULE3", "5m", [bar(T0, 100, 101, 96, 97)]);
    await watch.onBars("RULE3", "5m", [bar(T0 + FIVE, 97, 103, 95, 100)]);
    expect(await read(long.id)).toMatchObject({ status: "taken", outcome_result: "stop", outcome_price: "149.50", outcome_r: -100 });
    expect(await read(short.id)).toMatchObject({ status: "expired", outcome_result: "target", outcome_price: "96.00", outcome_r: 200 });
    expect((await read(long.id)).invalidation_reason).toBeNull();
  });

  it("fills a stop at the open of a bar that gaps beyond it, and books the target on a gap beyond the target", async () => {
    const { watch } = node(handle, clock);
    const gapDown = await one({ symbol: "GAP1" }, { status: "taken" });
    const gapUp = await one({ symbol: "GAP2" }, { status: "taken" });
    // (149.15 − 150.25) / 0.75 = −1.4667 R: worse than the stop, as the market gave it.
    await watch.onBars("GAP1", "5m", [bar(T0, 149.15, 149.6, 149.0, 149.4)]);
    // Opens at 153.00, above the target: the target's price (not the better open), though the low reaches the stop.
    await watch.onBars("GAP2", "5m", [bar(T0, 153, 153.5, 149, 150)]);
    expect(await read(gapDown.id)).toMatchObject({ outcome_result: "stop", outcome_price: "149.15", outcome_r: -147 });
    expect(await read(gapUp.id)).toMatchObject({ outcome_result: "target", outcome_price: "152.75", outcome_r: 333 });
  });

  it("books nothing before a limit or stop entry trades, and not_filled once its bars are spent", async () => {
    const { watch } = node(handle, clock);
    const limit = { type: "limit", price: "150.00", valid_bars: 2 } as const;
    const missed = await one({ symbol: "LIM1", entry_order: limit });
    await watch.onBars("LIM1", "5m", [bar(T0, 150.3, 150.6, 150.1, 150.4)]);
    // A finer bar may fill the order but does not spend one of its 5-minute bars; a target without a fill is nothing.
    await watch.onBars("LIM1", "1m", [bar(T0 + FIVE, 150.4, 153, 150.05, 152.9)]);
    expect((await read(missed.id)).outcome_result).toBeNull();
    await watch.onBars("LIM1", "5m", [bar(T0 + FIVE, 150.4, 153, 150.02, 152.9)]);
    // Neither a win nor a loss, and not a reason to withdraw the signal.
    expect(await read(missed.id)).toMatchObject({
      status: "approved",
      outcome_result: "not_filled",
      outcome_price: "150.00",
      outcome_r: 0,
      outcome_at: T0 + 2 * FIVE,
    });

    // Filled inside a bar at the limit; R is measured from the fill: (152.75 − 150.00) / (150.00 − 149.50) = 5.5.
    const filled = await one({ symbol: "LIM2", entry_order: limit }, { status: "taken" });
    await watch.onBars("LIM2", "5m", [bar(T0, 150.3, 150.4, 149.9, 150.2), bar(T0 + FIVE, 150.2, 152.8, 150.1, 152.5)]);
    expect(await read(filled.id)).toMatchObject({ outcome_result: "target", outcome_price: "152.75", outcome_r: 550 });

    // The bar that fills the limit also reaches stop and target: what came first is unknown, so the stop.
    const both = await one({ symbol: "LIM3", entry_order: limit }, { status: "taken" });
    await watch.onBars("LIM3", "5m", [bar(T0, 150.3, 153, 149.4, 151)]);
    expect(await read(both.id)).toMatchObject({ outcome_result: "stop", outcome_price: "149.50", outcome_r: -100 });

    // A buy stop gapped over fills at the open, 150.80: (149.50 − 150.80) / (150.50 − 149.50) = −1.3 R.
    const stopEntry = await one({ symbol: "STP1", entry_order: { type: "stop", price: "150.50", valid_bars: 3 } }, { status: "taken" });
    await watch.onBars("STP1", "5m", [bar(T0, 150.8, 151, 150.6, 150.9), bar(T0 + FIVE, 150, 150.1, 149.4, 149.6)]);
    expect(await read(stopEntry.id)).toMatchObject({ outcome_result: "stop", outcome_price: "149.50", outcome_r: -130 });
  });

  it("records one outcome per signal when two nodes see the same bars at once", async () => {
    const a = node(handle, clock);
    const b = node(second, clock);
    const { rows } = await approvePattern(
      handle,
      { symbol: "RACE" },
      Array.from({ length: 20 }, () => ({ user_id: userId })),
    );
    const undecided = [bar(T0, 150.3, 150.5, 150.1, 150.2)];
    await Promise.all([a.watch.onBars("RACE", "5m", undecided), b.watch.onBars("RACE", "1m", undecided)]);
    const deciding = [bar(T0 + FIVE, 150.2, 150.3, 149, 149.2)];
    await Promise.all([
      a.watch.onBars("RACE", "5m", deciding),
      b.watch.onBars("RACE", "5m", deciding),
      a.watch.onBars("RACE", "5m", deciding),
    ]);
    const announced = [...a.heard, ...b.heard].map((row) => row.id).sort();
    expect(announced).toEqual(rows.map((row) => row.id).sort());
  });

  it("times out at the last close inside the window, after 24 hours or 50 bars, and says no_data without a bar", async () => {
    const clockA = new FakeClock(T0);
    const a = node(handle, clockA);
    const b = node(second, clockA);
    const short = await one({ symbol: "SLOW", ...SHORT }, { status: "expired" });
    const unseen = await one({ symbol: "NOBARS" }, { status: "expired" });
    const hourly = await one({ symbol: "HOURLY", timeframe: "1h" }, { status: "expired" });
    await a.watch.onBars("SLOW", "5m", [bar(T0, 100.6, 101.5, 100.5, 101)]);
    await clockA.advance(T0 + OUTCOME_TIMEOUT_MS - 1 - clockA.now());
    expect(await a.timeouts.sweep()).toEqual([]);
    await clockA.advance(T0 + OUTCOME_TIMEOUT_MS - clockA.now());
    await Promise.all([a.timeouts.sweep(), b.timeouts.sweep()]);
    expect(await read(short.id)).toMatchObject({
      outcome_result: "timeout",
      outcome_price: "101.00",
      outcome_at: T0 + OUTCOME_TIMEOUT_MS,
      outcome_r: -50,
    });
    // No bar ever seen: no_data, never 0 R at the entry price.
    expect(await read(unseen.id)).toMatchObject({ outcome_result: "no_data", outcome_r: 0 });
    expect([...a.heard, ...b.heard].map((row) => row.id).sort()).toEqual([short.id, unseen.id].sort());
    // A 1-hour signal waits 50 of its bars.
    expect((await read(hourly.id)).outcome_result).toBeNull();
    await clockA.advance(T0 + 50 * HOUR - clockA.now());
    await a.timeouts.sweep();
    expect(await read(hourly.id)).toMatchObject({ outcome_result: "no_data", outcome_at: T0 + 50 * HOUR });
  });

  it("times out rather than counting a bar that closes after the deadline", async () => {
    const { watch } = node(handle, clock);
    const signal = await one({ symbol: "LATE", timeframe: "1m" }, { status: "skipped" });
    await watch.onBars("LATE", "1m", [bar(T0, 150.5, 151, 150, 150.625)]);
    await watch.onBars("LATE", "1m", [bar(T0 + OUTCOME_TIMEOUT_MS, 141, 141, 140, 140.5)]);
    // (150.625 − 150.25) / 0.75 = 0.5 R, at the close before the late bar.
    expect(await read(signal.id)).toMatchObject({ outcome_result: "timeout", outcome_price: "150.63", outcome_r: 50 });
    const batched = await one({ symbol: "LATE2", timeframe: "1m" }, { status: "skipped" });
    await watch.onBars("LATE2", "1m", [bar(T0, 150.5, 151, 150, 150.625), bar(T0 + OUTCOME_TIMEOUT_MS, 141, 141, 140, 140.5)]);
    expect(await read(batched.id)).toMatchObject({ outcome_result: "timeout", outcome_price: "150.63", outcome_r: 50 });
  });
});
