import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { BarIngest } from "../pipeline/bar-ingest";
import { startMarketFeed, type MarketFeed } from "./market-feed";

/** Starts the MARKET_FEED_URL stream into POST /api/bars' path: each closed bar as one request would be. */
export function startBarFeed(bars: BarIngest, url: string, clock: Clock, logger: Logger): MarketFeed {
  return startMarketFeed({
    url,
    clock,
    logger,
    ingest: async ({ symbol, timeframe, bar }) => {
      const result = await bars.ingest({ symbol, timeframe, bars: [bar] }, "detector");
      for (const pattern of result.patterns) {
        logger.info({ symbol, pattern_type: pattern.pattern_type, signals: pattern.signals.length }, "market feed pattern");
      }
    },
  });
}
