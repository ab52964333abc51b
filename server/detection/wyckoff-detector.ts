import { Decimal } from "@/lib/decimal";
import { SymbolSchema } from "@/lib/symbol";
import { TimeframeSchema, type PatternType } from "@/lib/pattern";
import { barCloseTime, timeframeMs, type Bar } from "./bar";
import { BarWindow, type AnalyzedBar } from "./bar-window";
import { BoundaryProbe } from "./events/boundary-probe";
import { BreakdownWatch } from "./events/breakdown-watch";
import { BreakoutWatch } from "./events/breakout-watch";
import { isSignOfStrength, isSignOfWeakness } from "./events/breakout-bars";
import { patternQuality, probeClarity, quietBarClarity } from "./events/event-clarity";
import { springLevels, testLevels, utadLevels, type PriceLevels, type RangeBounds } from "./events/event-levels";
import { LpsWatch } from "./events/lps-watch";
import { LpsyWatch } from "./events/lpsy-watch";
import { toPatternMessage, type DetectedPattern } from "./pattern-message";
import { phaseStrength, rangeOpeningSteps } from "./phase-strength";
import { TestWatch } from "./events/test-watch";
import { AfterBreakout } from "./after-breakout";
import type { ActiveRange, BrokenRange, Emit } from "./detector-state";
import {
  acceptsTouch,
  findTradingRange,
  rangeCeiling,
  rangeFloor,
  rangeLength,
  rangeQuality,
  withTouch,
  type RangeSide,
  type Touch,
} from "./trading-range";
import {
  PIVOT_SPAN,
  PROBE_MIN_ATR_SHARE,
  PROBE_MIN_TICKS,
  TICK_SIZE,
  RANGE_MAX_CLOSES_OUTSIDE,
  RANGE_MAX_EXCURSION,
  RANGE_MAX_LOOKBACK_BARS,
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

/**
 * Streaming Wyckoff detector over closed bars of one symbol. push() each bar as it closes; it returns
 * the patterns that bar confirmed — each event exactly once, never revised later (no repainting).
 */
export class WyckoffDetector {
  private readonly meta: DetectorMeta;
  private readonly window: BarWindow;
  private pivotHighs: Touch[] = [];
  private pivotLows: Touch[] = [];
  /** Pivots before this stream index belong to a range that is over. */
  private searchFrom = 0;
  private active: ActiveRange | undefined;
  private readonly after = new AfterBreakout();

  constructor(meta: DetectorMeta) {
    // Fail at construction, not on the first event, when the series cannot produce valid patterns.
    this.meta = { symbol: SymbolSchema.parse(meta.symbol), timeframe: TimeframeSchema.parse(meta.timeframe) };
    this.window = new BarWindow(timeframeMs(this.meta.timeframe));
  }

  /**
   * Feeds the next closed bar; returns the patterns it confirmed. A bar not newer than the previous one
   * is ignored (a closed bar cannot change, so a re-sent one carries nothing new).
   */
  push(bar: Bar): DetectedPattern[] {
    const previous = this.window.last();
    if (previous && bar.time <= previous.time) return [];
    const current = this.window.append(bar);
    this.confirmPivot(current.index - PIVOT_SPAN);

    const found: DetectedPattern[] = [];
    const emit = (type: PatternType, levels: PriceLevels, quality: number, phase: number, volumeRatio: number | undefined) => {
      const pattern = toPatternMessage(
        { type, levels, detectedAt: barCloseTime(current, this.meta.timeframe), quality, phase, volumeRatio: volumeRatio ?? 0 },
        this.meta,
      );
      if (pattern) found.push(pattern);
    };

    this.after.follow(current, emit);
    if (this.active) this.followRange(this.active, current, emit);
    if (!this.active) this.searchRange(current);
    return found;
  }

  private confirmPivot(index: number): void {
    const bar = this.window.at(index);
    if (!bar || index < this.searchFrom) return;
    const touch = (price: number): Touch => ({
      index,
      price,
      volume: bar.volume,
      relVolume: bar.relVolume,
      sessionVolume: bar.sessionVolume,
    });
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
      breakout: undefined,
      breakdown: undefined,
      steps: new Map(),
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
    // Events are judged against the extremes (S_min, R_max); entries and targets use the mean levels.
    const floor = rangeFloor(range);
    const ceiling = rangeCeiling(range);
    const bounds: RangeBounds = {
      support: range.support,
      resistance: range.resistance,
      floor: new Decimal(floor),
      ceiling: new Decimal(ceiling),
    };
    const steps = () => new Map([...rangeOpeningSteps(range), ...active.steps]);
    const quality = (side: RangeSide) => rangeQuality(range, bar.index, side);
    const broken = (side: RangeSide): BrokenRange => ({
      bounds,
      rangeBars: rangeLength(range, bar.index),
      quality: quality(side),
      steps: steps(),
    });

    // A sign of strength waits out the UTAD window: closed back below R, it was an upthrust (the UTAD probe sees it too).
    if (!active.breakout && isSignOfStrength(bar, { ceiling })) {
      active.breakout = {
        watch: new BreakoutWatch(bar, { resistance, ceiling }),
        lps: new LpsWatch(bar, resistance),
        broken: broken("resistance"),
      };
    }
    if (active.breakout) {
      const state = this.after.followBreakout(active.breakout, bar, emit);
      if (state === "confirmed") {
        this.endRange(bar);
        return;
      }
      if (state === "reclaimed") active.breakout = undefined;
    }
    // A sign of weakness waits out the spring window: reclaimed, it was a shakeout (the spring probe sees it too).
    if (!active.breakdown && isSignOfWeakness(bar, { floor })) {
      const watch = new BreakdownWatch(bar, { support, floor });
      active.breakdown = { watch, lpsy: new LpsyWatch(bar, support), broken: broken("support") };
    }
    if (active.breakdown) {
      const state = this.after.followBreakdown(active.breakdown, bar, emit);
      if (state === "confirmed") {
        this.endRange(bar);
        return;
      }
      if (state === "reclaimed") active.breakdown = undefined;
    }

    if (active.test) {
      const outcome = active.test.watch.update(bar);
      if (outcome.status === "confirmed") {
        const clarity = quietBarClarity(outcome.testBar, "up");
        emit(
          "TEST",
          testLevels(bounds, active.test.springLow, bar),
          patternQuality(quality("support"), clarity),
          phaseStrength("TEST", steps()),
          outcome.testBar.relVolume,
        );
      }
      if (outcome.status !== "watching") active.test = undefined;
    }

    if (!active.springDone) {
      if (!active.spring && BoundaryProbe.crosses("below", floor, bar)) {
        const limits = { maxDepth: SPRING_MAX_PENETRATION, maxBars: SPRING_MAX_RECLAIM_BARS };
        active.spring = new BoundaryProbe("below", { extreme: floor, back: support }, bar, limits);
      }
      const outcome = active.spring?.update(bar);
      if (
        outcome?.status === "returned" &&
        outcome.extremeBar.relVolume !== undefined &&
        probesFarEnough(floor - outcome.extremeBar.low, outcome.extremeBar)
      ) {
        const springBar = outcome.extremeBar;
        const springVolume = springBar.relVolume ?? 0;
        // Light volume is the clean, tradeable spring; heavy volume is a shakeout that only a TEST confirms.
        if (springVolume <= SPRING_MAX_CLEAN_VOLUME) {
          const clarity = probeClarity(outcome.depth, SPRING_IDEAL_PENETRATION_MIN, SPRING_IDEAL_PENETRATION_MAX);
          emit(
            "SPRING",
            springLevels(bounds, springBar.low, bar.close),
            patternQuality(quality("support"), clarity),
            phaseStrength("SPRING", steps()),
            springVolume,
          );
        }
        active.springDone = true;
        active.steps.set("SPRING", springBar.index);
        active.test = { watch: new TestWatch(springBar, springBar.low, bar.index), springLow: springBar.low };
      }
      if (outcome && outcome.status !== "watching") active.spring = undefined;
    }

    if (!active.utadDone) {
      if (!active.upthrust && BoundaryProbe.crosses("above", ceiling, bar)) {
        const limits = { maxDepth: UTAD_MAX_OVERSHOOT, maxBars: UTAD_MAX_RETURN_BARS };
        active.upthrust = new BoundaryProbe("above", { extreme: ceiling, back: resistance }, bar, limits);
      }
      const outcome = active.upthrust?.update(bar);
      if (outcome?.status === "returned" && probesFarEnough(outcome.extremeBar.high - ceiling, outcome.extremeBar)) {
        const utadBar = outcome.extremeBar;
        // A light-volume poke above R_max is just noise; only a heavy one is a UTAD.
        if (utadBar.relVolume !== undefined && utadBar.relVolume >= UTAD_MIN_VOLUME) {
          const clarity = probeClarity(outcome.depth, UTAD_IDEAL_OVERSHOOT_MIN, UTAD_IDEAL_OVERSHOOT_MAX);
          emit(
            "UTAD",
            utadLevels(bounds, utadBar.high, bar.close),
            patternQuality(quality("resistance"), clarity),
            phaseStrength("UTAD", steps()),
            utadBar.relVolume,
          );
          active.utadDone = true;
          active.steps.set("UTAD", utadBar.index);
        }
      }
      if (outcome && outcome.status !== "watching") active.upthrust = undefined;
    }

    // The range is over once price trades too far beyond its extremes or stays outside longer than any spring or UTAD may.
    const outside = bar.close < floor || bar.close > ceiling;
    active.closesOutside = outside ? active.closesOutside + 1 : 0;
    const tooFar = bar.low < floor * (1 - RANGE_MAX_EXCURSION) || bar.high > ceiling * (1 + RANGE_MAX_EXCURSION);
    if (tooFar || active.closesOutside > RANGE_MAX_CLOSES_OUTSIDE) this.endRange(bar);
  }
}

/** Whether a probe `distance` past the range's extreme is a spring or upthrust at all: ≥ max(2 ticks, 0.1 × ATR). */
export function probesFarEnough(distance: number, extremeBar: AnalyzedBar): boolean {
  const minimum = Math.max(PROBE_MIN_TICKS * TICK_SIZE, PROBE_MIN_ATR_SHARE * (extremeBar.atrBefore ?? 0));
  // A hair of tolerance: 2 ticks measured in binary floats (100.00 − 99.98) comes out a little under 0.02.
  return distance >= minimum - 1e-9;
}

/** All patterns in a whole series of closed bars, each reported at the bar that confirmed it. */
export function detectPatterns(bars: readonly Bar[], meta: DetectorMeta): DetectedPattern[] {
  const detector = new WyckoffDetector(meta);
  return bars.flatMap((bar) => detector.push(bar));
}
