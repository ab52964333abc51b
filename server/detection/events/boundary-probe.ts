import type { AnalyzedBar } from "../bar-window";

/** Which boundary the probe crosses: below the range (a spring) or above it (an upthrust). */
export type ProbeSide = "below" | "above";

export type ProbeOutcome =
  | { status: "watching" }
  | { status: "failed" }
  | {
      status: "returned";
      /** The bar with the most extreme price of the probe: the spring bar or the UTAD bar. */
      extremeBar: AnalyzedBar;
      /** The bar whose close came back inside the range: the bar the event is confirmed at. */
      returnBar: AnalyzedBar;
      /** How far the extreme went past the range's extreme, as a fraction of it. */
      depth: number;
    };

export interface ProbeLevels {
  /** The range's extreme (S_min or R_max): the probe starts past it and its depth is measured from it. */
  extreme: number;
  /** The level a close must come back across (S or R, the range's levels). */
  back: number;
}

export interface ProbeLimits {
  /** The extreme may go at most this fraction beyond the boundary. */
  maxDepth: number;
  /** The close back inside must come within this many bars, counting the first bar across. */
  maxBars: number;
}

/**
 * Follows one excursion beyond a range's extreme, from the first bar that trades past it until a close back
 * across the range's level (returned) or until it goes too far or stays out too long (failed). Springs and
 * UTADs are mirror images, so one class serves both.
 */
export class BoundaryProbe {
  private extremeBar: AnalyzedBar;

  constructor(
    private readonly side: ProbeSide,
    private readonly levels: ProbeLevels,
    private readonly firstBar: AnalyzedBar,
    private readonly limits: ProbeLimits,
  ) {
    this.extremeBar = firstBar;
  }

  /** Whether `bar` trades past the range's extreme, so a probe starts there. */
  static crosses(side: ProbeSide, extreme: number, bar: AnalyzedBar): boolean {
    return side === "below" ? bar.low < extreme : bar.high > extreme;
  }

  /** Feeds the next bar (the first call gets the bar the probe started at). */
  update(bar: AnalyzedBar): ProbeOutcome {
    if (this.beyond(bar) > this.beyond(this.extremeBar)) this.extremeBar = bar;
    const depth = this.beyond(this.extremeBar) / this.levels.extreme;
    if (depth > this.limits.maxDepth) return { status: "failed" };
    const closedBack = this.side === "below" ? bar.close > this.levels.back : bar.close < this.levels.back;
    if (closedBack) return { status: "returned", extremeBar: this.extremeBar, returnBar: bar, depth };
    if (bar.index - this.firstBar.index + 1 >= this.limits.maxBars) return { status: "failed" };
    return { status: "watching" };
  }

  /** Distance past the range's extreme in price (positive beyond it). */
  private beyond(bar: AnalyzedBar): number {
    return this.side === "below" ? this.levels.extreme - bar.low : bar.high - this.levels.extreme;
  }
}
