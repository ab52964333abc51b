import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PatternTypeSchema } from "@/lib/pattern";
import { startTestServer, type TestServer } from "./support/test-server";
import { connectTrader } from "./support/trader-client";

let server: TestServer;

beforeAll(async () => {
  // The demo feed at 40× speed: a bar per symbol every 50 ms instead of every 2 s.
  server = await startTestServer({ DEMO_FEED: "true", DEMO_FEED_INTERVAL_MS: "50" });
});
afterAll(async () => {
  await server.stop();
});

it("sends the demo trader signals that the detector found in the demo market, with nothing injected", async () => {
  const trader = await connectTrader(server.url, "trader@example.com");
  await expect.poll(() => trader.stored.size, { timeout: 45_000, interval: 500 }).toBeGreaterThan(0);
  const [signal] = [...trader.stored.values()];
  expect(PatternTypeSchema.options).toContain(signal!.pattern_type);
  expect(["AAPL", "MSFT", "NVDA", "TSLA", "SPY"]).toContain(signal!.symbol);

  const db = new Database(server.env.DATABASE_URL!.slice("file:".length), { readonly: true });
  const sources = db
    .prepare("select distinct p.source from patterns p join signals s on s.pattern_id = p.id where s.id = ?")
    .all(signal!.signal_id);
  db.close();
  expect(sources).toEqual([{ source: "demo" }]);
  trader.close();
});
