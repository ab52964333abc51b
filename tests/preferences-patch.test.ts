import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { authedFetch, signIn, type SignedIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";
import { userIdOf } from "./support/trader-client";

// PATCH /api/me/preferences from outside: a partial update that changes only what it is sent, so two tabs
// (or the settings form and the push switch) saving different fields at once never undo each other.

let server: TestServer;
let trader: SignedIn;
let traderId: string;

const get = async () => (await (await authedFetch(server.url, trader, "/api/me/preferences")).json()) as Record<string, unknown>;
const send = (method: "PATCH" | "PUT", body: unknown) =>
  authedFetch(server.url, trader, "/api/me/preferences", {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTestServer();
  trader = await signIn(server.url, "trader@example.com", "trader-demo-pass");
  traderId = await userIdOf(server.url, "trader@example.com");
});
afterAll(async () => {
  await server.stop();
});

describe("PATCH /api/me/preferences", () => {
  it("changes only the fields sent and answers every preference as stored", async () => {
    const before = await get();
    const answer = await send("PATCH", { equity: "6100.00" });
    expect(answer.status).toBe(200);
    const after = (await answer.json()) as Record<string, unknown>;
    expect(after).toEqual({ ...before, equity: "6100.00" });
    expect(await get()).toEqual(after);
  });

  it("keeps both of two concurrent PATCHes of different fields, round after round", async () => {
    for (let round = 1; round <= 15; round++) {
      const equity = `${5000 + round}.25`;
      const ttl = 60 + round;
      const sound = round % 2 === 0;
      const answers = await Promise.all([send("PATCH", { equity }), send("PATCH", { ttl_seconds: ttl }), send("PATCH", { sound })]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(await get()).toMatchObject({ equity, ttl_seconds: ttl, sound });
    }
  });

  it("moves the watchlist the pipeline matches on, not only the stored list", async () => {
    const symbol = uniqueSymbol();
    expect((await send("PATCH", { watchlist: [symbol, "MSFT"] })).status).toBe(200);
    expect((await get()).watchlist).toEqual([symbol, "MSFT"]);
    const ingest = await postPattern(server.url, aaplSpring({ symbol }));
    expect(ingest.body.signals.map((signal) => signal.user_id)).toContain(traderId);
  });

  it("answers 400 with the issues for bad or empty input and changes nothing", async () => {
    const before = await get();
    const cases: Array<[unknown, string[]]> = [
      [{ equity: "lots" }, ["equity"]],
      [{ risk_percentage: 9, sound: true }, ["risk_percentage"]],
      [{ max_leverage: 11 }, ["max_leverage"]],
      [{}, ["(root)"]],
      [{ unknown_field: 1 }, ["(root)"]],
      [[], ["(root)"]],
    ];
    for (const [body, paths] of cases) {
      const answer = await send("PATCH", body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const issues = ((await answer.json()) as { issues: Array<{ path: string }> }).issues;
      expect([...new Set(issues.map((issue) => issue.path))]).toEqual(paths);
    }
    expect(await get()).toEqual(before);
  });

  it("refuses a webhook URL on a private address as PUT does", async () => {
    const answer = await send("PATCH", { webhook_url: "https://127.0.0.1/hook" });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path)).toEqual(["webhook_url"]);
    expect((await get()).webhook_url).toBeNull();
  });

  it("needs a session", async () => {
    const answer = await fetch(`${server.url}/api/me/preferences`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sound: false }),
    });
    expect(answer.status).toBe(401);
  });

  it("leaves PUT replacing the whole set", async () => {
    const current = await get();
    const answer = await send("PUT", { ...current, equity: "7000.00", watchlist: ["AAPL"] });
    expect(answer.status).toBe(200);
    expect(await get()).toEqual({ ...current, equity: "7000.00", watchlist: ["AAPL"] });
    expect((await send("PUT", { equity: "7000.00" })).status).toBe(400);
  });
});
