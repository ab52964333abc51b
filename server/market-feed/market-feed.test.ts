import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { FakeClock } from "@/tests/support/fake-clock";
import pino from "pino";
import type { FeedBar } from "./kline-message";
import { readKlineMessage } from "./kline-message";
import { reconnectDelay, startMarketFeed, type MarketFeed } from "./market-feed";

const FRAMES = readFileSync("server/market-feed/fixtures/binance-kline-btcusdt-1m.jsonl", "utf8").trim().split("\n");
const T0 = 1796047200000;
const logger = pino({ level: "silent" });

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local server that replays the recorded frames to each connection, then (optionally) hangs up. */
async function replayServer(hangUp: boolean): Promise<{ url: string; connections: WebSocket[] }> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const connections: WebSocket[] = [];
  server.on("connection", (socket) => {
    connections.push(socket);
    for (const frame of FRAMES) socket.send(frame);
    if (hangUp) socket.close();
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/stream?streams=btcusdt@kline_1m`, connections };
}

function feed(url: string, clock: FakeClock, received: FeedBar[]): MarketFeed {
  const started = startMarketFeed({ url, clock, logger, ingest: (bar) => Promise.resolve(void received.push(bar)) });
  cleanups.push(() => started.stop());
  return started;
}

describe("kline messages", () => {
  it("turns a closed kline into one bar, ignores a forming one and anything else", () => {
    expect(readKlineMessage(FRAMES[0]!)).toEqual({ kind: "skip", reason: "not a kline event" });
    expect(readKlineMessage(FRAMES[1]!)).toEqual({ kind: "open" });
    expect(readKlineMessage(FRAMES[2]!)).toEqual({
      kind: "bar",
      value: { symbol: "BTCUSDT", timeframe: "1m", bar: { t: T0, o: 91250.1, h: 91302.55, l: 91210, c: 91288.4, v: 12.48213 } },
    });
    expect(readKlineMessage("not json")).toEqual({ kind: "skip", reason: "not JSON" });
    const monthly = FRAMES[2]!.replaceAll('"i":"1m"', '"i":"1M"');
    expect(readKlineMessage(monthly).kind).toBe("skip");
  });
});

describe("market feed", () => {
  it("hands over each closed bar once, in order, from a local server replaying the stream", async () => {
    const { url } = await replayServer(false);
    const received: FeedBar[] = [];
    feed(url, new FakeClock(), received);
    await expect.poll(() => received.length).toBe(5);
    expect(received.map((bar) => bar.bar.t)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 60_000));
    expect(received.map((bar) => bar.bar.c)).toEqual([91288.4, 91201.75, 91260, 91398.88, 91377.02]);
    expect(new Set(received.map((bar) => `${bar.symbol}|${bar.timeframe}`))).toEqual(new Set(["BTCUSDT|1m"]));
  });

  it("reconnects after a dropped connection only once the backoff has passed", async () => {
    const { url, connections } = await replayServer(true);
    const clock = new FakeClock();
    const received: FeedBar[] = [];
    feed(url, clock, received);
    await expect.poll(() => received.length).toBe(5);
    await expect.poll(() => clock.waiting).toBe(1);
    await clock.advance(999);
    expect(connections).toHaveLength(1);
    await clock.advance(1);
    await expect.poll(() => connections.length).toBe(2);
    // The server replays the same bars again: the feed hands them over; POST /api/bars' path makes them a no-op.
    await expect.poll(() => received.length).toBe(10);
  });

  it("backs off 1 s, 2 s, 4 s … up to 60 s while the server is unreachable", async () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 30].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    const clock = new FakeClock();
    feed("ws://127.0.0.1:1/nothing-here", clock, []);
    await expect.poll(() => clock.waiting).toBe(1);
    await clock.advance(1000);
    await expect.poll(() => clock.waiting).toBe(1);
    // The second failure waits 2 s: after 1 s more, still waiting.
    await clock.advance(1999);
    expect(clock.waiting).toBe(1);
  });
});
