import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeBars } from "@/server/detection/bar";
import { parseCsvBars } from "@/server/detection/csv-bars";
import { detectPatterns } from "@/server/detection/wyckoff-detector";
import type { WireBar } from "./support/bars";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "./support/test-server";

/* Issue 21 §1: POST /api/bars feeds the series' streaming detector, however the feed splits the bars. */

const FIXTURE = "server/detection/fixtures/spring-5m.csv";
const FIVE_MINUTES = 300_000;

interface FoundPattern {
  pattern_type: string;
  detected_at: string;
  entry_price: string;
  stop_loss: string;
  target_price: string;
  pattern_id: string;
  signals: Array<{ status: string }>;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** The fixture's bars up to the one that confirms its spring, shifted so that bar closes now (fresh, not stale). */
async function springBars(): Promise<WireBar[]> {
  const all = normalizeBars(parseCsvBars(await readFile(FIXTURE, "utf8")), "5m");
  const spring = detectPatterns(all, { symbol: "AAPL", timeframe: "5m" }).find((pattern) => pattern.pattern_type === "SPRING")!;
  const bars = all.filter((bar) => bar.time + FIVE_MINUTES <= Date.parse(spring.detected_at));
  const shift = Date.now() - (bars.at(-1)!.time + FIVE_MINUTES);
  return bars.map((bar) => ({ t: bar.time + shift, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume }));
}

async function post(url: string, symbol: string, bars: WireBar[]): Promise<FoundPattern[]> {
  const response = await fetch(`${url}/api/bars`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
    body: JSON.stringify({ symbol, timeframe: "5m", bars }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { patterns: FoundPattern[] }).patterns;
}

const event = (p: FoundPattern) => `${p.pattern_type}@${p.detected_at} ${p.entry_price}/${p.stop_loss}/${p.target_price}`;

describe("POST /api/bars streams", () => {
  it("one bar per request finds exactly the events of one request, each in the answer to its confirming bar", async () => {
    const bars = await springBars();
    const whole = await post(server.url, "AAPL", bars);
    expect(whole.map(event).some((e) => e.startsWith("SPRING@"))).toBe(true);

    const perBar: FoundPattern[] = [];
    for (const bar of bars) {
      const found = await post(server.url, "TSLA", [bar]);
      for (const pattern of found) expect(Date.parse(pattern.detected_at)).toBe(bar.t + FIVE_MINUTES);
      perBar.push(...found);
    }
    expect(perBar.map(event)).toEqual(whole.map(event));
  });

  it("re-sent bars are idempotent: the same series again finds nothing and makes no pattern", async () => {
    const bars = await springBars();
    const first = await post(server.url, "MSFT", bars);
    expect(first.length).toBeGreaterThan(0);
    expect(await post(server.url, "MSFT", bars)).toEqual([]);
    expect(await post(server.url, "MSFT", bars.slice(-3))).toEqual([]);
  });

  it("keeps the detector's state across a restart: the confirming bar alone, after it, finds the spring", { timeout: 90_000 }, async () => {
    const bars = await springBars();
    const restartable = await startTestServer();
    try {
      expect((await post(restartable.url, "NVDA", bars.slice(0, -1))).map((p) => p.pattern_type)).not.toContain("SPRING");
      await restartable.stop();
      const again = await startTestServer({ DATABASE_URL: restartable.env.DATABASE_URL! });
      try {
        const found = await post(again.url, "NVDA", bars.slice(-1));
        expect(found.map((p) => p.pattern_type)).toEqual(["SPRING"]);
        expect(found[0]!.signals.some((signal) => signal.status === "approved")).toBe(true);
      } finally {
        await again.stop();
      }
    } finally {
      await restartable.stop();
    }
  });
});
