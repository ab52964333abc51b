import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { normalizeBars } from "@/server/detection/bar";
import { parseCsvBars } from "@/server/detection/csv-bars";
import { detectPatterns } from "@/server/detection/wyckoff-detector";
import { startTestServer, type TestServer } from "./support/test-server";

/* Issue 21 §1: pointing MARKET_FEED_URL at a kline stream is all it takes to get signals from a live feed. */

const FIVE_MINUTES = 300_000;
let server: TestServer | undefined;
const streams = new WebSocketServer({ port: 0, host: "127.0.0.1" });

afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => streams.close(() => resolve()));
});

/** The spring fixture as Binance kline frames (a forming update, then the closed kline), the spring's bar closing now. */
async function klineFrames(): Promise<string[]> {
  const all = normalizeBars(parseCsvBars(await readFile("server/detection/fixtures/spring-5m.csv", "utf8")), "5m");
  const spring = detectPatterns(all, { symbol: "AAPL", timeframe: "5m" }).find((pattern) => pattern.pattern_type === "SPRING")!;
  const bars = all.filter((bar) => bar.time + FIVE_MINUTES <= Date.parse(spring.detected_at));
  const shift = Date.now() - (bars.at(-1)!.time + FIVE_MINUTES);
  return bars.flatMap((bar) => {
    const t = bar.time + shift;
    const kline = (x: boolean) =>
      JSON.stringify({
        stream: "amd@kline_5m",
        data: {
          e: "kline",
          E: t + (x ? FIVE_MINUTES : 1000),
          s: "AMD",
          k: {
            t,
            T: t + FIVE_MINUTES - 1,
            s: "AMD",
            i: "5m",
            o: `${bar.open}`,
            c: `${bar.close}`,
            h: `${bar.high}`,
            l: `${bar.low}`,
            v: `${bar.volume}`,
            x,
          },
        },
      });
    return [kline(false), kline(true)];
  });
}

it("a server started with MARKET_FEED_URL turns the stream's closed klines into a SPRING", async () => {
  const frames = await klineFrames();
  streams.on("connection", (socket) => frames.forEach((frame) => socket.send(frame)));
  const port = (streams.address() as AddressInfo).port;
  server = await startTestServer({ MARKET_FEED_URL: `ws://127.0.0.1:${port}/stream?streams=amd@kline_5m` });
  const file = server.env.DATABASE_URL!.slice("file:".length);
  const springs = () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare("select pattern_type, source from patterns where symbol = 'AMD'").all();
    } finally {
      db.close();
    }
  };
  await expect.poll(springs, { timeout: 20_000 }).toEqual([{ pattern_type: "SPRING", source: "detector" }]);
});
