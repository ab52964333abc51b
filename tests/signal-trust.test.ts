import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aaplSpring, postPattern } from "./support/patterns";
import { authedFetch } from "./support/session";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "./support/test-server";
import { connectTrader, userIdOf } from "./support/trader-client";

// Issue 12 from outside: what a trader is shown is what they risk, and nothing comes from the future.
const TRADER = "trader@example.com";

let server: TestServer;
let traderId: string;

function rowCounts(): Record<string, number> {
  const db = new Database(server.env.DATABASE_URL!.slice("file:".length), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { patterns: count("patterns"), signals: count("signals") };
  } finally {
    db.close();
  }
}

const postBars = (body: unknown) =>
  fetch(`${server.url}/api/bars`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTestServer();
  traderId = await userIdOf(server.url, TRADER);
});
afterAll(async () => {
  await server.stop();
});

describe("sizing the trader can trust", () => {
  it("rounds the stop away from the entry and caps the size by buying power, in the payload and GET /api/signals", async () => {
    const trader = await connectTrader(server.url, TRADER);
    // Before: stop 19.985 → 19.99 and 7,500 shares; shown risk 75.00, real risk 112.50.
    const answer = await postPattern(
      server.url,
      aaplSpring({ symbol: "F", entry_price: "20.00", stop_loss: "19.985", target_price: "20.50", user_ids: [traderId] }),
    );
    expect(answer.status).toBe(201);
    const signalId = answer.body.signals[0]!.signal_id;
    expect(answer.body.signals[0]?.status).toBe("approved");
    // Risk alone: 75 / 0.02 = 3,750 shares (75,000.00 of stock); 5,000.00 × 4 buys 1,000.
    const expected = {
      stop_loss: "19.98",
      shares: 1000,
      risk_amount: "20.00",
      position_value: "20000.00",
      size_limited_by: "buying_power",
    };
    await expect.poll(() => trader.stored.get(signalId)).toMatchObject(expected);
    const listed = (await (await authedFetch(server.url, trader.session, "/api/signals")).json()) as Array<Record<string, unknown>>;
    expect(listed.find((signal) => signal.signal_id === signalId)).toMatchObject(expected);
    // The seed's own example stays sized by risk.
    const seed = await postPattern(server.url, aaplSpring({ symbol: "GE", user_ids: [traderId] }));
    await expect
      .poll(() => trader.stored.get(seed.body.signals[0]!.signal_id))
      .toMatchObject({ shares: 100, risk_amount: "75.00", size_limited_by: "risk" });
    trader.close();
  });

  it("rejects a stop too close to the entry with the contract's text (§6)", async () => {
    const answer = await postPattern(server.url, aaplSpring({ symbol: "GM", stop_loss: "150.24", user_ids: [traderId] }));
    expect(answer.body.signals[0]).toMatchObject({ status: "rejected", rejection_reason: "Stop too close to entry (0.01 < 0.15)" });
  });

  it("answers 400 for a price that rounds to 0.00 and writes nothing", async () => {
    const before = rowCounts();
    const answer = await postPattern(server.url, aaplSpring({ entry_price: "0.02", stop_loss: "0.004", target_price: "0.09" }));
    expect(answer.status).toBe(400);
    expect((answer.body as unknown as { issues: Array<{ path: string }> }).issues).toEqual([
      { path: "stop_loss", message: expect.stringContaining("0.00") as string },
    ]);
    expect(rowCounts()).toEqual(before);
  });

  it("stores max_leverage (1–10, default 4) and sizes the next signal with it", async () => {
    const trader = await connectTrader(server.url, TRADER);
    const get = async () =>
      (await (await authedFetch(server.url, trader.session, "/api/me/preferences")).json()) as Record<string, unknown>;
    const put = (body: unknown) =>
      authedFetch(server.url, trader.session, "/api/me/preferences", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const preferences = await get();
    expect(preferences.max_leverage).toBe(4);
    for (const bad of [0.5, 11, "4"]) {
      const answer = await put({ ...preferences, max_leverage: bad });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path)).toEqual(["max_leverage"]);
    }
    expect((await put({ ...preferences, max_leverage: 1 })).status).toBe(200);
    expect((await get()).max_leverage).toBe(1);
    // 1× on 5,000.00 buys 33 shares at 150.25, fewer than the 100 the risk budget allows.
    const answer = await postPattern(server.url, aaplSpring({ symbol: "HD", user_ids: [traderId] }));
    await expect
      .poll(() => trader.stored.get(answer.body.signals[0]!.signal_id))
      .toMatchObject({ shares: 33, risk_amount: "24.75", position_value: "4958.25", size_limited_by: "buying_power" });
    expect((await put({ ...preferences, max_leverage: 4 })).status).toBe(200);
    trader.close();
  });
});

describe("no look-ahead at the door", () => {
  it("answers 400 (path detected_at) for a pattern detected in the future, and writes nothing", async () => {
    const before = rowCounts();
    for (const detectedAt of ["2030-01-01T00:00:00.000Z", new Date(Date.now() + 60_000).toISOString()]) {
      const answer = await postPattern(server.url, aaplSpring({ detected_at: detectedAt }));
      expect(answer.status).toBe(400);
      expect((answer.body as unknown as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path)).toEqual(["detected_at"]);
    }
    expect(rowCounts()).toEqual(before);
  });

  it("answers 400 naming a bar that is still forming, and runs none of the bars", async () => {
    const before = rowCounts();
    const fiveMinutes = 300_000;
    // The last closed bar closed a minute ago; the next one opened then and closes in four minutes.
    const lastClosedOpen = Date.now() - 60_000 - fiveMinutes;
    const bar = (t: number) => ({ t, o: 10, h: 10.5, l: 9.5, c: 10.2, v: 1000 });
    const bars = Array.from({ length: 20 }, (_, i) => bar(lastClosedOpen - (19 - i) * fiveMinutes));
    expect((await postBars({ symbol: "IBM", timeframe: "5m", bars })).status).toBe(200);
    const forming = await postBars({ symbol: "IBM", timeframe: "5m", bars: [...bars, bar(lastClosedOpen + fiveMinutes)] });
    expect(forming.status).toBe(400);
    const body = (await forming.json()) as { issues: Array<{ path: string; message: string }> };
    expect(body.issues).toEqual([{ path: "bars.20.t", message: expect.stringContaining("still forming") as string }]);
    expect(rowCounts()).toEqual(before);
  });
});

describe("duplicates by timeframe", () => {
  it("lets a 1h SPRING through after a 1m SPRING, and still blocks a second 1m one", async () => {
    const post = (timeframe: string) => postPattern(server.url, aaplSpring({ symbol: "KO", timeframe, user_ids: [traderId] }));
    expect((await post("1m")).body.signals[0]?.status).toBe("approved");
    expect((await post("1h")).body.signals[0]?.status).toBe("approved");
    expect((await post("1m")).body.signals[0]).toMatchObject({ status: "rejected", rejection_reason: "duplicate" });
  });
});
