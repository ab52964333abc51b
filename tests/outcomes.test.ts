import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignalUpdate } from "@/lib/signal-notification";
import { SignalOutcomeEventSchema, type SignalOutcomeEvent } from "@/lib/market-outcome";
import type { SignalView } from "@/server/pipeline/signal-view";
import { minuteBar, postBars, type WireBar } from "./support/bars";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { authedFetch, type SignedIn } from "./support/session";
import { freshDatabaseUrl, startTestServer, TEST_INGEST_KEY, type TestServer } from "./support/test-server";
import { connectTrader, type TraderClient } from "./support/trader-client";

const TRADER = "trader@example.com";
const DAY_MS = 24 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 1-second bar opening `afterMs` after approval (issue 21 §2: only bars opening at or after approval
 * count), so it is already closed when posted; `closeAt` is when it closed.
 */
function barAfter(approvedAt: number, afterMs: number, low: number, high: number, close = (low + high) / 2, open = close): WireBar {
  return { t: approvedAt + afterMs, o: open, h: high, l: low, c: close, v: 1000 };
}
const closeOf = (bar: WireBar) => bar.t + 1000;

/** Every signal_updated and signal_outcome a tab hears. */
function listen(tab: TraderClient) {
  const updates: SignalUpdate[] = [];
  const outcomes: SignalOutcomeEvent[] = [];
  tab.socket.on("signal_updated", (update) => updates.push(update));
  tab.socket.on("signal_outcome", (outcome) => outcomes.push(SignalOutcomeEventSchema.parse(outcome)));
  return { updates, outcomes };
}

async function signalsOf(server: TestServer, session: SignedIn): Promise<SignalView[]> {
  return (await (await authedFetch(server.url, session, "/api/signals")).json()) as SignalView[];
}

async function decide(server: TestServer, session: SignedIn, id: string, decision: "take" | "skip") {
  return authedFetch(server.url, session, `/api/signals/${id}/decision`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ decision }),
  });
}

/** Approves the AAPL example (entry 150.25, stop 149.50, target 152.75, 3.33 R) on a fresh symbol; returns id and approval time. */
async function approve(server: TestServer, userId: string) {
  const symbol = uniqueSymbol();
  const answer = await postPattern(server.url, aaplSpring({ symbol, user_ids: [userId] }));
  expect(answer.body.signals[0]?.status).toBe("approved");
  return { symbol, id: answer.body.signals[0]!.signal_id, postedAt: Date.now() };
}

async function approvalTime(server: TestServer, session: SignedIn, id: string): Promise<number> {
  const signal = (await signalsOf(server, session)).find((row) => row.signal_id === id);
  return Date.parse(signal!.timestamp);
}

describe("outcomes on a real server", () => {
  let server: TestServer;
  let trader: TraderClient;

  beforeAll(async () => {
    server = await startTestServer({ TEST_CLOCK: "true", ALLOW_TEST_CLOCK: "true", NOTIFY_ACK_TIMEOUT_MS: "300" });
    trader = await connectTrader(server.url, TRADER);
  });
  afterAll(async () => {
    trader?.close();
    await server?.stop();
  });

  it("invalidates a pending signal whose stop is reached: every tab hears it, the decision is 409, it is never replayed", async () => {
    const tab1 = listen(trader);
    const second = await connectTrader(server.url, TRADER, { session: trader.session });
    const tab2 = listen(second);
    const { symbol, id } = await approve(server, trader.id);
    const approvedAt = await approvalTime(server, trader.session, id);
    const deciding = barAfter(approvedAt, 1, 149.4, 150.3, 149.8, 150.2);
    expect(await postBars(server.url, symbol, [deciding], "1s")).toBe(200);

    const expected = { signal_id: id, status: "invalidated", reason: "stop_reached" };
    for (const tab of [tab1, tab2]) {
      await expect.poll(() => tab.updates.find((update) => update.signal_id === id)).toEqual(expected);
      await expect
        .poll(() => tab.outcomes.find((o) => o.signal_id === id))
        .toEqual({
          signal_id: id,
          result: "stop",
          price: "149.50",
          at: new Date(closeOf(deciding)).toISOString(),
          r: -1,
        });
    }
    const answer = await decide(server, trader.session, id, "take");
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ status: "invalidated" });
    const listed = (await signalsOf(server, trader.session)).find((row) => row.signal_id === id);
    expect(listed).toMatchObject({
      status: "invalidated",
      invalidation_reason: "stop_reached",
      outcome: { result: "stop", price: "149.50", r: -1 },
    });
    second.close();

    // A tab that connects now is not sent it again.
    const late = await connectTrader(server.url, TRADER, { session: trader.session });
    await sleep(800);
    expect(late.copiesOf(id)).toHaveLength(0);
    late.close();
  });

  it("never sends an undelivered signal once the market invalidated it", async () => {
    trader.close();
    const { symbol, id } = await approve(server, trader.id);
    const approvedAt = await approvalTime(server, trader.session, id);
    expect(await postBars(server.url, symbol, [barAfter(approvedAt, 1, 150.0, 153.0, 152, 150.3)], "1s")).toBe(200);
    const back = await connectTrader(server.url, TRADER, { session: trader.session });
    await sleep(1500);
    expect(back.copiesOf(id)).toHaveLength(0);
    expect((await signalsOf(server, trader.session)).find((row) => row.signal_id === id)).toMatchObject({
      status: "invalidated",
      invalidation_reason: "target_reached",
    });
    trader = back;
  });

  it("pushes +R when the target is reached after a take, and keeps the status taken", async () => {
    const tab = listen(trader);
    const { symbol, id } = await approve(server, trader.id);
    const approvedAt = await approvalTime(server, trader.session, id);
    expect((await decide(server, trader.session, id, "take")).status).toBe(200);
    const deciding = barAfter(approvedAt, 1, 150.1, 152.8, 152, 150.3);
    await postBars(server.url, symbol, [deciding], "1s");
    await expect.poll(() => tab.outcomes.find((o) => o.signal_id === id)).toMatchObject({ result: "target", price: "152.75", r: 3.33 });
    expect(tab.updates.filter((update) => update.signal_id === id).map((update) => update.status)).toEqual(["taken"]);
    expect((await signalsOf(server, trader.session)).find((row) => row.signal_id === id)).toMatchObject({
      status: "taken",
      outcome: { result: "target", price: "152.75", r: 3.33, at: new Date(closeOf(deciding)).toISOString() },
    });
  });

  it("never counts a bar that opened before approval, and takes the stop when one bar reaches both levels", async () => {
    const tab = listen(trader);
    const { symbol, id } = await approve(server, trader.id);
    const approvedAt = await approvalTime(server, trader.session, id);
    // Issue 21 §2: the second bar closes after approval but opened before it; its low may have come first.
    await postBars(server.url, symbol, [minuteBar(approvedAt - 60_000, 140, 160), minuteBar(approvedAt + 500, 140, 160)]);
    await sleep(500);
    const before = (await signalsOf(server, trader.session)).find((row) => row.signal_id === id);
    expect(before).toMatchObject({ status: "approved" });
    expect(before?.outcome).toBeUndefined();
    expect(tab.outcomes.filter((o) => o.signal_id === id)).toEqual([]);

    await postBars(server.url, symbol, [barAfter(approvedAt, 1, 149.0, 153.0, 151, 150.3)], "1s");
    await expect.poll(() => tab.outcomes.find((o) => o.signal_id === id)).toMatchObject({ result: "stop", r: -1 });
    expect(tab.updates.find((update) => update.signal_id === id)).toEqual({ signal_id: id, status: "invalidated", reason: "stop_reached" });
  });

  it("takes an entry order with the pattern, refuses one on the wrong side, and books not_filled when it never trades", async () => {
    const tab = listen(trader);
    const symbol = uniqueSymbol();
    const base = { symbol, timeframe: "1s", user_ids: [trader.id] };
    // A buy limit above the entry would fill at once: 400, nothing written.
    const wrong = await postPattern(server.url, aaplSpring({ ...base, entry_order: { type: "limit", price: "150.30", valid_bars: 1 } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      issues: [{ path: "entry_order.price", message: "a buy limit must rest at or below entry_price 150.25" }],
    });
    const order = { type: "limit", price: "150.00", valid_bars: 1 } as const;
    const answer = await postPattern(server.url, aaplSpring({ ...base, entry_order: { ...order, price: "149.996" } }));
    expect(answer.status).toBe(201);
    const id = answer.body.signals[0]!.signal_id;
    await expect.poll(() => trader.copiesOf(id).length).toBeGreaterThan(0);
    expect(trader.copiesOf(id)[0]!.signal).toMatchObject({ entry_order: order });
    const approvedAt = await approvalTime(server, trader.session, id);
    // One 1-second bar (its own timeframe) whose low stays above the limit: the order's only bar passes unfilled.
    await postBars(server.url, symbol, [barAfter(approvedAt, 1, 150.1, 152.8, 152, 150.3)], "1s");
    await expect.poll(() => tab.outcomes.find((o) => o.signal_id === id)).toMatchObject({ result: "not_filled", price: "150.00", r: 0 });
    expect((await signalsOf(server, trader.session)).find((row) => row.signal_id === id)).toMatchObject({
      status: "approved",
      entry_order: order,
      outcome: { result: "not_filled" },
    });
  });

  it("times out after 24 hours on the server's clock, at the last close's R", async () => {
    const tab = listen(trader);
    const { symbol, id } = await approve(server, trader.id);
    const approvedAt = await approvalTime(server, trader.session, id);
    expect((await decide(server, trader.session, id, "skip")).status).toBe(200);
    // 151.00 is (151.00 − 150.25) / 0.75 = 1.00 R above the entry.
    await postBars(server.url, symbol, [barAfter(approvedAt, 1, 150.5, 151.5, 151)], "1s");
    await sleep(1500);
    expect(tab.outcomes.filter((o) => o.signal_id === id)).toEqual([]);

    const moved = await fetch(`${server.url}/api/test/clock`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
      body: JSON.stringify({ advance_ms: DAY_MS }),
    });
    expect(moved.status).toBe(200);
    await expect
      .poll(() => tab.outcomes.find((o) => o.signal_id === id), { timeout: 5000 })
      .toEqual({
        signal_id: id,
        result: "timeout",
        price: "151.00",
        at: new Date(approvedAt + DAY_MS).toISOString(),
        r: 1,
      });
  });
});

describe("outcomes across a restart", () => {
  it("records the deciding bar that arrives after the server restarted", async () => {
    const databaseUrl = freshDatabaseUrl();
    const first = await startTestServer({ DATABASE_URL: databaseUrl });
    let trader = await connectTrader(first.url, TRADER);
    const { symbol, id } = await approve(first, trader.id);
    const approvedAt = await approvalTime(first, trader.session, id);
    trader.close();
    expect(await first.stop()).toBe(0);

    const second = await startTestServer({ DATABASE_URL: databaseUrl, AUTH_SECRET: first.env.AUTH_SECRET! });
    try {
      trader = await connectTrader(second.url, TRADER, { session: trader.session });
      const tab = listen(trader);
      await postBars(second.url, symbol, [barAfter(approvedAt, 1, 150.0, 152.75, 152, 150.3)], "1s");
      await expect.poll(() => tab.outcomes.find((o) => o.signal_id === id)).toMatchObject({ result: "target", r: 3.33 });
      trader.close();
      // Without TEST_CLOCK the clock hook does not exist.
      const clock = await fetch(`${second.url}/api/test/clock`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
        body: JSON.stringify({ advance_ms: DAY_MS }),
      });
      expect(clock.status).toBe(404);
    } finally {
      await second.stop();
    }
  });
});
