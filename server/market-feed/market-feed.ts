import WebSocket from "ws";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import { readKlineMessage, type FeedBar } from "./kline-message";

/** Reconnect delays: the first retry after this, doubling on each failed attempt up to the maximum. */
export const RECONNECT_BASE_MS = 1000;
export const RECONNECT_MAX_MS = 60_000;

/** Delay before reconnect attempt `failures` + 1 (0 after a connection that had opened). */
export function reconnectDelay(failures: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(failures, 16));
}

export interface MarketFeedOptions {
  url: string;
  /** Posts one closed bar through POST /api/bars' path; a rejection is logged, the feed goes on. */
  ingest: (bar: FeedBar) => Promise<unknown>;
  clock: Clock;
  logger: Logger;
}

export interface MarketFeed {
  /** Closes the connection and stops reconnecting; resolves once bars already read are ingested. */
  stop(): Promise<void>;
}

/**
 * A live bar source: connects to a Binance-format kline WebSocket stream (MARKET_FEED_URL), hands each closed
 * kline to the desk as one bar, in order, and reconnects with exponential backoff when the connection drops.
 */
export function startMarketFeed(options: MarketFeedOptions): MarketFeed {
  const { clock, logger } = options;
  let stopped = false;
  let wake: () => void = () => undefined;
  // Resolves at stop(): a reconnect delay in progress ends at once.
  const stopping = new Promise<void>((resolve) => (wake = resolve));
  let socket: WebSocket | undefined;
  // Bars are ingested one after another in arrival order: a series' detector reads them as they closed.
  let queue: Promise<unknown> = Promise.resolve();

  const enqueue = (bar: FeedBar) => {
    queue = queue.then(() =>
      options.ingest(bar).catch((error: unknown) => logger.error({ err: error, symbol: bar.symbol }, "market feed bar not ingested")),
    );
  };

  /** One connection's life; resolves true if it opened, when it closes. */
  const connectOnce = () =>
    new Promise<boolean>((resolve) => {
      let opened = false;
      const ws = new WebSocket(options.url);
      socket = ws;
      ws.on("open", () => {
        opened = true;
        logger.info({ url: options.url }, "market feed connected");
      });
      ws.on("message", (data, isBinary) => {
        if (isBinary) return;
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString("utf8")
          : data instanceof ArrayBuffer
            ? Buffer.from(new Uint8Array(data)).toString("utf8")
            : data.toString("utf8");
        const reading = readKlineMessage(text);
        if (reading.kind === "bar") enqueue(reading.value);
        else if (reading.kind === "skip") logger.debug({ reason: reading.reason }, "market feed message skipped");
      });
      ws.on("error", (error) => logger.warn({ err: error }, "market feed connection error"));
      ws.on("close", () => resolve(opened));
    });

  const run = async () => {
    let failures = 0;
    while (!stopped) {
      const opened = await connectOnce();
      if (stopped) break;
      failures = opened ? 0 : failures + 1;
      const delay = reconnectDelay(opened ? 0 : failures - 1);
      logger.warn({ delay_ms: delay }, "market feed disconnected; reconnecting");
      await Promise.race([clock.sleep(delay), stopping]);
    }
  };
  const running = run();

  return {
    stop: async () => {
      stopped = true;
      wake();
      socket?.terminate();
      await running;
      await queue;
    },
  };
}
