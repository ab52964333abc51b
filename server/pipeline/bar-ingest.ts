import type { BarsRequest, Pattern } from "@/lib/pattern";
import { barCloseTime, normalizeBars, type Bar } from "../detection/bar";
import type { MarketWatch } from "../outcomes/market-watch";
import type { BarHistory } from "../detection/bar-history";
import type { DetectorStreams } from "../detection/detector-streams";
import type { Clock } from "../clock";
import { assertBarsClosed } from "./look-ahead";
import type { PatternSource } from "./pattern-store";
import type { SignalOutcome, SignalPipeline } from "./signal-pipeline";

export interface BarsResult {
  patterns: Array<Pattern & { pattern_id: string; signals: SignalOutcome[] }>;
}

/**
 * The idempotency key of a detected event: one per series, event type and confirming bar. Every node that reads
 * that bar finds the same event under the same key, and the pipeline answers a repeated key with the first
 * answer, so one bar never makes two patterns (docs/market-feed.md).
 */
export function detectedPatternKey(pattern: Pattern): string {
  return `bars:${pattern.symbol}:${pattern.timeframe}:${pattern.pattern_type}:${Date.parse(pattern.detected_at)}`;
}

/** POST /api/bars: bars → the series' streaming Wyckoff detector → each pattern through the same pipeline as external ones. */
export class BarIngest {
  constructor(
    private readonly pipeline: SignalPipeline,
    readonly history: BarHistory,
    private readonly clock: Clock,
    /** Checks every received bar against the symbol's open signals (server/outcomes). */
    private readonly watch: MarketWatch | null,
    private readonly streams: DetectorStreams,
  ) {}

  /**
   * Refuses the whole request (InvalidInputError, nothing recorded) when any bar is still forming. Answers with the
   * patterns confirmed by this request's bars; bars already received (a feed re-sending its last bars) add nothing.
   */
  async ingest(request: BarsRequest, source: PatternSource): Promise<BarsResult> {
    assertBarsClosed(request.bars, request.timeframe, this.clock.now());
    const { symbol, timeframe } = request;
    const bars = normalizeBars(request.bars, timeframe);
    await this.observe(symbol, timeframe, bars);
    // Also events of bars this node had not read yet (another node's, or all of them after a restart): the
    // pipeline answers the ones already processed from their idempotency key.
    const found = await this.streams.advance(symbol, timeframe, bars);
    let results: BarsResult["patterns"];
    try {
      results = await this.run(found, source, detectedPatternKey);
    } catch (error) {
      // The detector has read these bars but their events were not all recorded: rebuild on the next request.
      this.streams.forget(symbol, timeframe);
      throw error;
    }
    const closes = new Set(bars.map((bar) => barCloseTime(bar, timeframe)));
    return { patterns: results.filter((result) => closes.has(Date.parse(result.detected_at))) };
  }

  /**
   * Every closed bar the desk receives: kept for charts and checked against open signals, before detection,
   * so a signal is never judged by the bar that made it.
   */
  async observe(symbol: string, timeframe: string, bars: Bar[]): Promise<void> {
    this.history.record(symbol, timeframe, bars);
    await this.watch?.onBars(symbol, timeframe, bars);
  }

  /** Runs patterns the caller already detected (also the demo feed's own detectors), each under `key` if given. */
  async run(patterns: Pattern[], source: PatternSource, key?: (pattern: Pattern) => string): Promise<BarsResult["patterns"]> {
    const results: BarsResult["patterns"] = [];
    for (const pattern of patterns) {
      const { body } = await this.pipeline.ingest(key ? { ...pattern, idempotency_key: key(pattern) } : pattern, source);
      results.push({ ...pattern, pattern_id: body.pattern_id, signals: body.signals });
    }
    return results;
  }
}
