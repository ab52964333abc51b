import type { PatternType } from "@/lib/pattern";
import type { BoundaryProbe } from "./events/boundary-probe";
import type { BreakdownWatch } from "./events/breakdown-watch";
import type { BreakoutWatch } from "./events/breakout-watch";
import type { LpsWatch } from "./events/lps-watch";
import type { PriceLevels, RangeBounds } from "./events/event-levels";
import type { LpsyWatch } from "./events/lpsy-watch";
import type { TestWatch } from "./events/test-watch";
import type { PhaseStep } from "./phase-strength";
import type { TradingRange } from "./trading-range";

/* What the streaming detector remembers between bars (wyckoff-detector.ts). */

/** The range the detector is inside of, with the events in progress against it. */
export interface ActiveRange {
  range: TradingRange;
  /** Consecutive closes outside [S_min, R_max]. */
  closesOutside: number;
  spring: BoundaryProbe | undefined;
  /** A spring (clean or shakeout) has happened: one per range. */
  springDone: boolean;
  test: { watch: TestWatch; springLow: number } | undefined;
  upthrust: BoundaryProbe | undefined;
  /** A UTAD has happened: one per range. */
  utadDone: boolean;
  /** A sign-of-strength bar waiting out the UTAD window (breakout or upthrust), with the LPS it may already show. */
  breakout: { watch: BreakoutWatch; lps: LpsWatch | undefined; broken: BrokenRange } | undefined;
  /** A sign-of-weakness bar waiting out the spring window (breakdown or shakeout). */
  breakdown: { watch: BreakdownWatch; lpsy: LpsyWatch | undefined; broken: BrokenRange } | undefined;
  /** Steps seen inside this range (spring, UTAD) on top of its opening steps, with their bar index. */
  steps: Map<PhaseStep, number>;
}

/** What a post-breakout watch needs from the range that broke. */
export interface BrokenRange {
  bounds: RangeBounds;
  /** Range length at the breakout, which sets k. */
  rangeBars: number;
  quality: number;
  steps: Map<PhaseStep, number>;
}

/** Reports one pattern at the bar being processed. */
export type Emit = (type: PatternType, levels: PriceLevels, quality: number, phase: number, volumeRatio: number | undefined) => void;
