import { readFile } from "node:fs/promises";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeBars } from "@/server/detection/bar";
import { parseCsvBars } from "@/server/detection/csv-bars";
import { runReplay } from "@/scripts/replay-cli";
import { detectPatterns } from "@/server/detection/wyckoff-detector";
import { aaplSpring, postPattern } from "./support/patterns";
import { authedFetch } from "./support/session";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "./support/test-server";
import { connectTrader, userIdOf } from "./support/trader-client";

const FIXTURE = "server/detection/fixtures/spring-5m.csv";
const TRADER = "trader@example.com";
const TRADER2 = "trader2@example.com";

let server: TestServer;
let traderId: string;
let trader2Id: string;

/** Row counts of the tables an ingest may write, read straight from the server's SQLite file. */
function rowCounts(): Record<string, number> {
  const db = new Database(server.env.DATABASE_URL!.slice("file:".length), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { patterns: count("patterns"), signals: count("signals") };
  } finally {
    db.close();
  }
}

/** The fixture's bars up to the one that confirms the spring, shifted so that bar closes now (fresh, not stale). */
async function liveSpringBars() {
  const all = normalizeBars(parseCsvBars(await readFile(FIXTURE, "utf8")), "5m");
  const spring = detectPatterns(all, { symbol: "AAPL", timeframe: "5m" }).find((pattern) => pattern.pattern_type === "SPRING")!;
  const bars = all.filter((bar) => bar.time + 300_000 <= Date.parse(spring.detected_at));
  const shift = Date.now() - (bars.at(-1)!.time + 300_000);
  return bars.map((bar) => ({ t: bar.time + shift, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume }));
}

beforeAll(async () => {
  server = await startTestServer();
  [traderId, trader2Id] = await Promise.all([userIdOf(server.url, TRADER), userIdOf(server.url, TRADER2)]);
});
afterAll(async () => {
  await server.stop();
});

describe("ingest", () => {
  it("answers 201 with each matched user's outcome, matching by watchlist", async () => {
    const answer = await postPattern(server.url, aaplSpring({ symbol: "NVDA" }));
    expect(answer.status).toBe(201);
    // NVDA is on the demo trader's watchlist and the admin's empty (= all) one, not on trader2's.
    const users = answer.body.signals.map((signal) => signal.user_id);
    expect(users).toContain(traderId);
    expect(users).not.toContain(trader2Id);
    expect(answer.body.signals.find((signal) => signal.user_id === traderId)).toMatchObject({ status: "approved" });
  });

  it("returns the first answer for a repeated idempotency key and creates nothing", async () => {
    const pattern = aaplSpring({ symbol: "QQQ", idempotency_key: "scanner-42" });
    const first = await postPattern(server.url, pattern);
    const before = rowCounts();
    const again = await postPattern(server.url, pattern);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(rowCounts()).toEqual(before);
  });

  it("rejects with reasons, in the contract's order (§6), and the exact confidence wording", async () => {
    const low = await postPattern(
      server.url,
      aaplSpring({ symbol: "SPY", pattern_quality: 0.5, phase_strength: 0.55, volume_ratio: 0.35, user_ids: [traderId] }),
    );
    // 100 × (0.4 × 0.5 + 0.3 × 0.55 + 0.3 × 1.0) = 66.5, under the default 70
    expect(low.body.signals[0]).toMatchObject({ status: "rejected", rejection_reason: "Below minimum confidence threshold (66.5% < 70%)" });
    const stale = await postPattern(
      server.url,
      aaplSpring({ symbol: "SPY", detected_at: new Date(Date.now() - 61_000).toISOString(), user_ids: [traderId] }),
    );
    expect(stale.body.signals[0]).toMatchObject({ status: "rejected", rejection_reason: "stale" });
    const first = await postPattern(server.url, aaplSpring({ symbol: "MSFT", user_ids: [traderId] }));
    const duplicate = await postPattern(server.url, aaplSpring({ symbol: "MSFT", user_ids: [traderId] }));
    expect(first.body.signals[0]?.status).toBe("approved");
    expect(duplicate.body.signals[0]).toMatchObject({ status: "rejected", rejection_reason: "duplicate" });
  });

  it("answers 401 without the key and 400 with every issue for a bad body, writing nothing", async () => {
    const before = rowCounts();
    expect((await postPattern(server.url, aaplSpring(), "wrong-key")).status).toBe(401);
    const bad = await postPattern(server.url, { ...aaplSpring(), entry_price: "-1", pattern_type: "WEDGE", pattern_quality: "high" });
    expect(bad.status).toBe(400);
    const issues = (bad.body as unknown as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path).sort();
    expect(issues).toEqual(["entry_price", "pattern_quality", "pattern_type"]);
    const huge = await fetch(`${server.url}/api/patterns`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
      body: JSON.stringify({ ...aaplSpring(), padding: "x".repeat(70 * 1024) }),
    });
    expect(huge.status).toBe(400);
    const malformed = await fetch(`${server.url}/api/patterns`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_INGEST_KEY}` },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "Malformed JSON", issues: [{ path: "(root)" }] });
    expect(rowCounts()).toEqual(before);
  });

  it("never answers 500 to hostile bodies on /api/patterns and /api/bars, and writes nothing", async () => {
    const before = rowCounts();
    const hostile = fc.oneof(
      fc.jsonValue(),
      fc.record({ ...Object.fromEntries(Object.keys(aaplSpring()).map((key) => [key, fc.jsonValue()])) }, { requiredKeys: [] }),
      fc.record({
        symbol: fc.string(),
        timeframe: fc.string(),
        bars: fc.array(fc.record({ t: fc.jsonValue(), o: fc.double(), h: fc.double(), l: fc.double(), c: fc.double(), v: fc.double() }), {
          maxLength: 5,
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom("/api/patterns", "/api/bars"), fc.boolean(), async (body, path, withKey) => {
        const response = await fetch(`${server.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(withKey ? { authorization: `Bearer ${TEST_INGEST_KEY}` } : {}) },
          body: JSON.stringify(body),
        });
        expect(withKey ? [400] : [401]).toContain(response.status);
      }),
      { numRuns: 150 },
    );
    expect(rowCounts()).toEqual(before);
  });
});

describe("from bars to the trader's socket", () => {
  it("turns bars with a spring posted to /api/bars into a SPRING signal on the trader's socket", async () => {
    const trader = await connectTrader(server.url, TRADER);
    const response = await fetch(`${server.url}/api/bars`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
      body: JSON.stringify({ symbol: "AAPL", timeframe: "5m", bars: await liveSpringBars() }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      patterns: Array<{ pattern_type: string; signals: Array<{ signal_id: string; user_id: string; status: string }> }>;
    };
    const spring = body.patterns.find((pattern) => pattern.pattern_type === "SPRING");
    const signal = spring?.signals.find((s) => s.user_id === traderId);
    expect(signal?.status).toBe("approved");
    await expect
      .poll(() => trader.stored.get(signal!.signal_id))
      .toMatchObject({
        pattern_type: "SPRING",
        symbol: "AAPL",
        entry_price: "151.10",
        stop_loss: "147.38",
        target_price: "162.00",
        r_multiple: 2.93,
        risk_amount: "74.40",
      });
    trader.close();
  });

  it("replays a CSV into the running server with `npm run replay -- … --live`", async () => {
    const trader = await connectTrader(server.url, TRADER);
    const out: string[] = [];
    const code = await runReplay(
      [FIXTURE, "--symbol", "TSLA", "--timeframe", "5m", "--live", "--url", server.url, "--key", TEST_INGEST_KEY],
      {
        readFile: (path) => readFile(path, "utf8"),
        fetch,
        out: (line) => out.push(line),
        err: () => undefined,
        now: () => Date.now(),
      },
    );
    expect(code).toBe(0);
    await expect.poll(() => [...trader.stored.values()].filter((s) => s.symbol === "TSLA" && s.pattern_type === "SPRING").length).toBe(1);
    trader.close();
  });
});

describe("prices", () => {
  it("validates and sizes the two-place prices the trader is shown", async () => {
    const trader = await connectTrader(server.url, TRADER);
    const answer = await postPattern(
      server.url,
      aaplSpring({ symbol: "INTC", entry_price: "150.254", stop_loss: "149.4951", target_price: "152.75", user_ids: [traderId] }),
    );
    const signalId = answer.body.signals[0]!.signal_id;
    await expect
      .poll(() => trader.stored.get(signalId))
      // The stop rounds away from the entry (contract §6.2): 149.4951 → 149.49, so 75 / 0.76 → 98 shares.
      .toMatchObject({ entry_price: "150.25", stop_loss: "149.49", r_multiple: 3.29, risk_amount: "74.48", shares: 98 });
    trader.close();
  });
});

describe("decisions and preferences", () => {
  it("takes a signal in one tab and tells the other; another user's signal is 404, a second decision 409", async () => {
    const tab1 = await connectTrader(server.url, TRADER);
    const tab2 = await connectTrader(server.url, TRADER, { session: tab1.session });
    const updates: unknown[] = [];
    tab2.socket.on("signal_updated", (update) => updates.push(update));
    const answer = await postPattern(server.url, aaplSpring({ symbol: "AMD", user_ids: [traderId] }));
    const signalId = answer.body.signals[0]!.signal_id;
    const decide = (session = tab1.session, decision = "take") =>
      authedFetch(server.url, session, `/api/signals/${signalId}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision }),
      });

    const other = await connectTrader(server.url, TRADER2);
    expect((await decide(other.session)).status).toBe(404);
    expect((await decide(tab1.session, "maybe")).status).toBe(400);
    const taken = await decide();
    expect(taken.status).toBe(200);
    await expect.poll(() => updates).toEqual([{ signal_id: signalId, status: "taken", decided_at: expect.any(String) as string }]);
    const again = await decide(tab1.session, "skip");
    expect(again.status).toBe(409);
    // The 409 names the signal's status, so a client need not read the English message.
    expect(await again.json()).toEqual({ error: "Signal was already taken", status: "taken" });
    const pending = (await (await authedFetch(server.url, tab1.session, "/api/signals?status=pending")).json()) as Array<{
      signal_id: string;
    }>;
    expect(pending.map((s) => s.signal_id)).not.toContain(signalId);
    for (const client of [tab1, tab2, other]) client.close();
  });

  it("validates preferences and sizes the next signal with them", async () => {
    const trader = await connectTrader(server.url, TRADER2);
    const preferences = (await (await authedFetch(server.url, trader.session, "/api/me/preferences")).json()) as Record<string, unknown>;
    expect(preferences).toEqual({
      equity: "25000.00",
      risk_percentage: 1,
      min_confidence: 70,
      min_r_multiple: 2,
      max_leverage: 4,
      ttl_seconds: 300,
      watchlist: ["MSFT", "AMZN", "SPY"],
      sound: true,
      desktop_notifications: false,
      push: false,
      webhook_url: null,
      webhook_mode: "when_unacked",
    });
    const put = (body: unknown) =>
      authedFetch(server.url, trader.session, "/api/me/preferences", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const bad = await put({ ...preferences, equity: "0", risk_percentage: 9, ttl_seconds: 5, watchlist: ["aapl"] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path).sort()).toEqual([
      "equity",
      "risk_percentage",
      "ttl_seconds",
      "watchlist.0",
    ]);
    expect((await put({ ...preferences, equity: "10000.00", risk_percentage: 2, watchlist: ["ORCL"] })).status).toBe(200);
    const answer = await postPattern(server.url, aaplSpring({ symbol: "ORCL" }));
    const signal = answer.body.signals.find((s) => s.user_id === trader2Id);
    await expect.poll(() => trader.stored.get(signal!.signal_id)).toMatchObject({ risk_amount: "199.50", shares: 266, risk_percentage: 2 });
    trader.close();
  });
});
