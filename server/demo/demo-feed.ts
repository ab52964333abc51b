import { createDemoMarket } from "../detection/synthetic/demo-market";
import { WyckoffDetector } from "../detection/wyckoff-detector";
import type { Logger } from "../logger";
import type { BarIngest } from "../pipeline/bar-ingest";

export const DEMO_SYMBOLS = ["AAPL", "MSFT", "NVDA", "TSLA", "SPY", "AMZN"] as const;
const DEMO_TIMEFRAME = "1m";
const DEMO_BAR_MS = 60_000;

/**
 * The demo market: every tick, one new closed bar per symbol goes through that symbol's detector, and
 * whatever the detector confirms goes through the pipeline. Nothing is injected.
 */
export function startDemoFeed(bars: BarIngest, intervalMs: number, logger: Logger): { stop(): void } {
  const market = createDemoMarket({ symbols: [...DEMO_SYMBOLS], seed: Date.now() % 2_147_483_647, timeframe: DEMO_TIMEFRAME });
  const detectors = new Map(DEMO_SYMBOLS.map((symbol) => [symbol, new WyckoffDetector({ symbol, timeframe: DEMO_TIMEFRAME })]));
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
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
    } catch (error) {
      logger.error({ err: error }, "demo feed tick failed");
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  return { stop: () => clearInterval(timer) };
}
