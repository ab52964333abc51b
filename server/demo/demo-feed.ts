import { createDemoMarket } from "../detection/synthetic/demo-market";
import { WyckoffDetector } from "../detection/wyckoff-detector";
import { every, systemClock, type Repeating } from "../clock";
import type { Logger } from "../logger";
import type { BarIngest } from "../pipeline/bar-ingest";

export const DEMO_SYMBOLS = ["AAPL", "MSFT", "NVDA", "TSLA", "SPY", "AMZN"] as const;
const DEMO_TIMEFRAME = "1m";
const DEMO_BAR_MS = 60_000;

/**
 * The demo market: every tick, one new closed bar per symbol goes through that symbol's detector, and
 * whatever the detector confirms goes through the pipeline. Nothing is injected.
 */
export function startDemoFeed(bars: BarIngest, intervalMs: number, logger: Logger): Repeating {
  const market = createDemoMarket({ symbols: [...DEMO_SYMBOLS], seed: Date.now() % 2_147_483_647, timeframe: DEMO_TIMEFRAME });
  const detectors = new Map(DEMO_SYMBOLS.map((symbol) => [symbol, new WyckoffDetector({ symbol, timeframe: DEMO_TIMEFRAME })]));
  const tick = async () => {
    for (const symbol of DEMO_SYMBOLS) {
      // Demo bars close now, so what the detector finds is fresh rather than stale.
      const bar = market.nextBar(symbol, Date.now() - DEMO_BAR_MS);
      await bars.observe(symbol, DEMO_TIMEFRAME, [bar]);
      const found = detectors.get(symbol)?.push(bar) ?? [];
      if (found.length > 0) {
        const results = await bars.run(found, "demo");
        for (const result of results)
          logger.info({ symbol, pattern_type: result.pattern_type, signals: result.signals.length }, "demo pattern");
      }
    }
  };
  // The demo market moves with real time (its bars close now), so it runs on the system clock.
  return every(systemClock, "demo feed tick", intervalMs, tick, { logger });
}
