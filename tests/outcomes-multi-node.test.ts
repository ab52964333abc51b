import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignalUpdate } from "@/lib/signal-notification";
import type { SignalOutcomeEvent } from "@/lib/market-outcome";
import type { SignalView } from "@/server/pipeline/signal-view";
import { postBars } from "./support/bars";
import { aaplSpring, postPattern } from "./support/patterns";
import { authedFetch } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";
import { connectTrader } from "./support/trader-client";

const TRADER = "trader@example.com";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("outcomes on two nodes (PostgreSQL, Redis)", () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const shared = {
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/test?schema=on_${randomUUID().replaceAll("-", "").slice(0, 12)}`,
      REDIS_URL: "redis://127.0.0.1:6379",
      REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}`,
      AUTH_SECRET: randomBytes(32).toString("hex"),
    };
    a = await startTestServer(shared);
    b = await startTestServer(shared);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("records each outcome once when both nodes receive the deciding bar", async () => {
    const trader = await connectTrader(b.url, TRADER);
    const updates: SignalUpdate[] = [];
    const outcomes: SignalOutcomeEvent[] = [];
    trader.socket.on("signal_updated", (update) => updates.push(update));
    trader.socket.on("signal_outcome", (outcome) => outcomes.push(outcome));

    // Four signals on one symbol (four patterns, so the duplicate rule keeps them all).
    const ids: string[] = [];
    for (const pattern_type of ["SPRING", "TEST", "SOS", "LPS"] as const) {
      const answer = await postPattern(
        a.url,
        aaplSpring({ symbol: "TWONODE", pattern_type, volume_ratio: pattern_type === "SOS" ? 2 : 0.35, user_ids: [trader.id] }),
      );
      expect(answer.body.signals[0]?.status).toBe("approved");
      ids.push(answer.body.signals[0]!.signal_id);
    }
    const listed = (await (await authedFetch(a.url, trader.session, "/api/signals")).json()) as SignalView[];
    const latest = Math.max(...listed.filter((row) => ids.includes(row.signal_id)).map((row) => Date.parse(row.timestamp)));

    // A 1-second bar opening after the last approval (issue 21 §2: earlier-opening bars do not count).
    const deciding = [{ t: latest + 1, o: 150, h: 151.0, l: 149.0, c: 150, v: 1000 }];
    const statuses = await Promise.all([
      postBars(a.url, "TWONODE", deciding, "1s"),
      postBars(b.url, "TWONODE", deciding, "1s"),
      postBars(a.url, "TWONODE", deciding, "1s"),
    ]);
    expect(statuses).toEqual([200, 200, 200]);

    await expect.poll(() => outcomes.length).toBe(ids.length);
    await sleep(1000);
    expect(outcomes.map((o) => o.signal_id).sort()).toEqual([...ids].sort());
    expect(outcomes.every((o) => o.result === "stop" && o.r === -1)).toBe(true);
    expect(
      updates
        .filter((u) => u.status === "invalidated")
        .map((u) => u.signal_id)
        .sort(),
    ).toEqual([...ids].sort());
    const after = (await (await authedFetch(b.url, trader.session, "/api/signals")).json()) as SignalView[];
    expect(
      after.filter((row) => ids.includes(row.signal_id)).every((row) => row.status === "invalidated" && row.outcome?.result === "stop"),
    ).toBe(true);
    trader.close();
  });
});
