import { SymbolSchema } from "@/lib/symbol";
import { TimeframeSchema, type Pattern, type PatternType } from "@/lib/pattern";
import { barCloseTime, timeframeMs, type Bar } from "./bar";
import { BarWindow, type AnalyzedBar } from "./bar-window";
import { BoundaryProbe } from "./events/boundary-probe";
import { isSignOfStrength, isSignOfWeakness } from "./events/breakout-bars";
import { breakoutClarity, patternQuality, probeClarity, quietClarity } from "./events/event-clarity";
import { lpsLevels, lpsyLevels, sosLevels, sowLevels, springLevels, testLevels, utadLevels, type PriceLevels } from "./events/event-levels";
import { LpsWatch } from "./events/lps-watch";
import { LpsyWatch } from "./events/lpsy-watch";
import { toPatternMessage } from "./pattern-message";
import { phaseStrength, rangeOpeningSteps, type PhaseStep } from "./phase-strength";
import { TestWatch } from "./events/test-watch";
import {
  acceptsTouch,
  findTradingRange,
  rangeLength,
  rangeQuality,
  withTouch,
  type RangeSide,
  type Touch,
  type TradingRange,
} from "./trading-range";
import {
  LPSY_MAX_VOLUME,
  PIVOT_SPAN,
  RANGE_MAX_CLOSES_OUTSIDE,
  RANGE_MAX_EXCURSION,
  RANGE_MAX_LOOKBACK_BARS,
  SOS_MIN_VOLUME,
  SOW_MIN_VOLUME,
  SPRING_IDEAL_PENETRATION_MAX,
  SPRING_IDEAL_PENETRATION_MIN,
  SPRING_MAX_CLEAN_VOLUME,
  SPRING_MAX_PENETRATION,
  SPRING_MAX_RECLAIM_BARS,
  UTAD_IDEAL_OVERSHOOT_MAX,
  UTAD_IDEAL_OVERSHOOT_MIN,
  UTAD_MAX_OVERSHOOT,
  UTAD_MAX_RETURN_BARS,
  UTAD_MIN_VOLUME,
} from "./wyckoff-constants";

/** Which series a detector reads: the symbol and bar size every pattern it emits carries. */
export interface DetectorMeta {
  symbol: string;
  timeframe: string;
}

/** The range the detector is inside of, with the events in progress against it. */
interface ActiveRange {
  range: TradingRange;
  /** Consecutive closes outside [S, R]. */
  closesOutside: number;
  spring: BoundaryProbe | undefined;
  /** A spring (clean or shakeout) has happened: one per range. */
  springDone: boolean;
  test: { watch: TestWatch; springBar: AnalyzedBar; springLow: number } | undefined;
  upthrust: BoundaryProbe | undefined;
  /** A UTAD has happened: one per range. */
  utadDone: boolean;
  /** Steps seen inside this range (spring, UTAD) on top of its opening steps. */
  steps: Set<PhaseStep>;
}

/** What a post-breakout watch needs from the range that broke. */
interface BrokenRange {
  range: TradingRange;
  /** Range length at the breakout, which sets k. */
  rangeBars: number;
  quality: number;
  steps: Set<PhaseStep>;
}

/**
 * Streaming Wyckoff detector over closed bars of one symbol. push() each bar as it closes; it returns
 * the patterns that bar confirmed — each event exactly once, never revised later (no repainting).
 */
export class WyckoffDetector {
  private readonly meta: DetectorMeta;
  private readonly window = new BarWindow();
  private pivotHighs: Touch[] = [];
  private pivotLows: Touch[] = [];
  /** Pivots before this stream index belong to a range that is over. */
  private searchFrom = 0;
  private active: ActiveRange | undefined;
  private lps: { watch: LpsWatch; sosBar: AnalyzedBar; broken: BrokenRange } | undefined;
  private lpsy: { watch: LpsyWatch; broken: BrokenRange } | undefined;

  constructor(meta: DetectorMeta) {
    // Fail at construction, not on the first event, when the series cannot produce valid patterns.
    this.meta = { symbol: SymbolSchema.parse(meta.symbol), timeframe: TimeframeSchema.parse(meta.timeframe) };
    timeframeMs(this.meta.timeframe);
  }

  /**
   * Feeds the next closed bar; returns the patterns it confirmed. A bar not newer than the previous one
   * is ignored (a closed bar cannot change, so a re-sent one carries nothing new).
   */
  push(bar: Bar): Pattern[] {
    const previous = this.window.last();
    if (previous && bar.time <= previous.time) return [];
    const current = this.window.append(bar);
    this.confirmPivot(current.index - PIVOT_SPAN);

    const found: Pattern[] = [];
    const emit = (type: PatternType, levels: PriceLevels, quality: number, phase: number, volumeRatio: number | undefined) => {
      const pattern = toPatternMessage(
        { type, levels, detectedAt: barCloseTime(current, this.meta.timeframe), quality, phase, volumeRatio: volumeRatio ?? 0 },
        this.meta,
      );
      if (pattern) found.push(pattern);
    };

    this.followLps(current, emit);
    this.followLpsy(current, emit);
    if (this.active) this.followRange(this.active, current, emit);
    if (!this.active) this.searchRange(current);
    return found;
  }

  private confirmPivot(index: number): void {
    const bar = this.window.at(index);
    if (!bar || index < this.searchFrom) return;
    const touch = (price: number): Touch => ({ index, price, volume: bar.volume, relVolume: bar.relVolume });
    if (this.window.isPivotHigh(index)) this.addPivot("resistance", touch(bar.high));
    if (this.window.isPivotLow(index)) this.addPivot("support", touch(bar.low));
  }

  private addPivot(side: RangeSide, touch: Touch): void {
    const list = side === "support" ? this.pivotLows : this.pivotHighs;
    list.push(touch);
    const oldest = touch.index - RANGE_MAX_LOOKBACK_BARS;
    while (list[0] && list[0].index < oldest) list.shift();
    if (this.active && acceptsTouch(this.active.range, side, touch)) {
      this.active.range = withTouch(this.active.range, side, touch);
    }
  }

  private searchRange(current: AnalyzedBar): void {
    const from = Math.max(this.searchFrom, current.index - RANGE_MAX_LOOKBACK_BARS);
    const highs = this.pivotHighs.filter((touch) => touch.index >= from);
    const lows = this.pivotLows.filter((touch) => touch.index >= from);
    if (highs.length === 0 || lows.length === 0) return;
    const firstIndex = Math.min(highs[0]?.index ?? current.index, lows[0]?.index ?? current.index);
    const range = findTradingRange({ highs, lows, bars: this.window.slice(firstIndex, current.index + 1), firstIndex });
    if (!range) return;
    this.active = {
      range,
      closesOutside: 0,
      spring: undefined,
      springDone: false,
      test: undefined,
      upthrust: undefined,
      utadDone: false,
      steps: new Set(),
    };
  }

  private endRange(current: AnalyzedBar): void {
    this.active = undefined;
    this.searchFrom = current.index + 1;
    this.pivotHighs = [];
    this.pivotLows = [];
  }

  private followRange(active: ActiveRange, bar: AnalyzedBar, emit: Emit): void {
    const { range } = active;
    const support = range.support.toNumber();
    const resistance = range.resistance.toNumber();
    const bounds = { support: range.support, resistance: range.resistance };
    const steps = () => new Set([...rangeOpeningSteps(range), ...active.steps]);
    const quality = () => rangeQuality(range, bar.index);

    if (isSignOfStrength(bar, resistance)) {
      const rangeBars = rangeLength(range, bar.index);
      const seen = steps();
      emit(
        "SOS",
        sosLevels(bounds, bar.close, rangeBars),
        patternQuality(quality(), breakoutClarity(bar.relVolume ?? 0, SOS_MIN_VOLUME)),
        phaseStrength("SOS", seen),
        bar.relVolume,
      );
      seen.add("SOS");
      this.lps = { watch: new LpsWatch(bar, resistance), sosBar: bar, broken: { range, rangeBars, quality: quality(), steps: seen } };
      this.endRange(bar);
      return;
    }
    if (isSignOfWeakness(bar, support)) {
      const rangeBars = rangeLength(range, bar.index);
      const seen = steps();
      emit(
        "SOW",
        sowLevels(bounds, bar.close, rangeBars),
        patternQuality(quality(), breakoutClarity(bar.relVolume ?? 0, SOW_MIN_VOLUME)),
        phaseStrength("SOW", seen),
        bar.relVolume,
      );
      seen.add("SOW");
      this.lpsy = { watch: new LpsyWatch(bar, support), broken: { range, rangeBars, quality: quality(), steps: seen } };
      this.endRange(bar);
      return;
    }

    if (active.test) {
      const { watch, springBar, springLow } = active.test;
      const outcome = watch.update(bar);
      if (outcome.status === "confirmed") {
        const clarity = quietClarity(outcome.testBar.volume, springBar.volume);
        emit(
          "TEST",
          testLevels(bounds, springLow),
          patternQuality(quality(), clarity),
          phaseStrength("TEST", steps()),
          outcome.testBar.relVolume,
        );
      }
      if (outcome.status !== "watching") active.test = undefined;
    }

    if (!active.springDone) {
      if (!active.spring && BoundaryProbe.crosses("below", support, bar)) {
        active.spring = new BoundaryProbe("below", support, bar, { maxDepth: SPRING_MAX_PENETRATION, maxBars: SPRING_MAX_RECLAIM_BARS });
      }
      const outcome = active.spring?.update(bar);
      if (outcome?.status === "returned" && outcome.extremeBar.relVolume !== undefined) {
        const springBar = outcome.extremeBar;
        const springVolume = springBar.relVolume ?? 0;
        // Light volume is the clean, tradeable spring; heavy volume is a shakeout that only a TEST confirms.
        if (springVolume <= SPRING_MAX_CLEAN_VOLUME) {
          const clarity = probeClarity(outcome.depth, SPRING_IDEAL_PENETRATION_MIN, SPRING_IDEAL_PENETRATION_MAX);
          emit(
            "SPRING",
            springLevels(bounds, springBar.low, bar.close),
            patternQuality(quality(), clarity),
            phaseStrength("SPRING", steps()),
            springVolume,
          );
        }
        active.springDone = true;
        active.steps.add("SPRING");
        active.test = { watch: new TestWatch(springBar, springBar.low, bar.index), springBar, springLow: springBar.low };
      }
      if (outcome && outcome.status !== "watching") active.spring = undefined;
    }

    if (!active.utadDone) {
      if (!active.upthrust && BoundaryProbe.crosses("above", resistance, bar)) {
        active.upthrust = new BoundaryProbe("above", resistance, bar, { maxDepth: UTAD_MAX_OVERSHOOT, maxBars: UTAD_MAX_RETURN_BARS });
      }
      const outcome = active.upthrust?.update(bar);
      if (outcome?.status === "returned") {
        const utadBar = outcome.extremeBar;
        // A light-volume poke above R is just noise inside the range; only a heavy one is a UTAD.
        if (utadBar.relVolume !== undefined && utadBar.relVolume >= UTAD_MIN_VOLUME) {
          const clarity = probeClarity(outcome.depth, UTAD_IDEAL_OVERSHOOT_MIN, UTAD_IDEAL_OVERSHOOT_MAX);
          emit(
            "UTAD",
            utadLevels(bounds, utadBar.high, bar.close),
            patternQuality(quality(), clarity),
            phaseStrength("UTAD", steps()),
            utadBar.relVolume,
          );
          active.utadDone = true;
          active.steps.add("UTAD");
        }
      }
      if (outcome && outcome.status !== "watching") active.upthrust = undefined;
    }

    // The range is over once price trades too far outside it or stays outside longer than any spring or UTAD may.
    const outside = bar.close < support || bar.close > resistance;
    active.closesOutside = outside ? active.closesOutside + 1 : 0;
    const tooFar = bar.low < support * (1 - RANGE_MAX_EXCURSION) || bar.high > resistance * (1 + RANGE_MAX_EXCURSION);
    if (tooFar || active.closesOutside > RANGE_MAX_CLOSES_OUTSIDE) this.endRange(bar);
  }

  private followLps(bar: AnalyzedBar, emit: Emit): void {
    if (!this.lps) return;
    const { watch, sosBar, broken } = this.lps;
    const outcome = watch.update(bar);
    if (outcome.status === "confirmed") {
      const bounds = { support: broken.range.support, resistance: broken.range.resistance };
      const clarity = quietClarity(outcome.pullbackBar.volume, sosBar.volume);
      emit(
        "LPS",
        lpsLevels(bounds, broken.rangeBars),
        patternQuality(broken.quality, clarity),
        phaseStrength("LPS", broken.steps),
        outcome.pullbackBar.relVolume,
      );
    }
    if (outcome.status !== "watching") this.lps = undefined;
  }

  private followLpsy(bar: AnalyzedBar, emit: Emit): void {
    if (!this.lpsy) return;
    const { watch, broken } = this.lpsy;
    const outcome = watch.update(bar);
    if (outcome.status === "confirmed") {
      const bounds = { support: broken.range.support, resistance: broken.range.resistance };
      const clarity = quietClarity(outcome.rallyBar.relVolume ?? LPSY_MAX_VOLUME, LPSY_MAX_VOLUME);
      emit(
        "LPSY",
        lpsyLevels(bounds, outcome.rallyBar.high, broken.rangeBars),
        patternQuality(broken.quality, clarity),
        phaseStrength("LPSY", broken.steps),
        outcome.rallyBar.relVolume,
      );
    }
    if (outcome.status !== "watching") this.lpsy = undefined;
  }
}

type Emit = (type: PatternType, levels: PriceLevels, quality: number, phase: number, volumeRatio: number | undefined) => void;

/** All patterns in a whole series of closed bars, each reported at the bar that confirmed it. */
export function detectPatterns(bars: readonly Bar[], meta: DetectorMeta): Pattern[] {
  const detector = new WyckoffDetector(meta);
  return bars.flatMap((bar) => detector.push(bar));
}
