import type { BarsRequest, Pattern } from "@/lib/pattern";
import { normalizeBars, type Bar } from "../detection/bar";
import type { MarketWatch } from "../outcomes/market-watch";
import type { BarHistory } from "../detection/bar-history";
import { detectPatterns } from "../detection/wyckoff-detector";
import type { Clock } from "../clock";
import { assertBarsClosed } from "./look-ahead";
import type { PatternSource } from "./pattern-store";
import type { SignalOutcome, SignalPipeline } from "./signal-pipeline";

export interface BarsResult {
  patterns: Array<Pattern & { pattern_id: string; signals: SignalOutcome[] }>;
}

/** POST /api/bars: bars → Wyckoff detector → each pattern through the same pipeline as external ones. */
export class BarIngest {
  constructor(
    private readonly pipeline: SignalPipeline,
    readonly history: BarHistory,
    private readonly clock: Clock,
    /** Checks every received bar against the symbol's open signals (server/outcomes). */
    private readonly watch: MarketWatch | null = null,
  ) {}

  /** Refuses the whole request (InvalidInputError, nothing recorded) when any bar is still forming. */
  async ingest(request: BarsRequest, source: PatternSource): Promise<BarsResult> {
    assertBarsClosed(request.bars, request.timeframe, this.clock.now());
    const bars = normalizeBars(request.bars, request.timeframe);
    await this.observe(request.symbol, request.timeframe, bars);
    const found = detectPatterns(bars, { symbol: request.symbol, timeframe: request.timeframe });
    return { patterns: await this.run(found, source) };
  }

  /**
   * Every closed bar the desk receives: kept for charts and checked against open signals, before detection,
   * so a signal is never judged by the bar that made it.
   */
  async observe(symbol: string, timeframe: string, bars: Bar[]): Promise<void> {
    this.history.record(symbol, timeframe, bars);
    await this.watch?.onBars(symbol, timeframe, bars);
  }

  /** Runs patterns the caller already detected (the demo feed's streaming detector). */
  async run(patterns: Pattern[], source: PatternSource): Promise<BarsResult["patterns"]> {
    const results: BarsResult["patterns"] = [];
    for (const pattern of patterns) {
      const { body } = await this.pipeline.ingest(pattern, source);
      results.push({ ...pattern, pattern_id: body.pattern_id, signals: body.signals });
    }
    return results;
  }
}
