import type { AnalyzedBar } from "../bar-window";

/** Which boundary the probe crosses: below S (a spring) or above R (an upthrust). */
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
      /** How far the extreme went past the boundary, as a fraction of it. */
      depth: number;
    };

export interface ProbeLimits {
  /** The extreme may go at most this fraction beyond the boundary. */
  maxDepth: number;
  /** The close back inside must come within this many bars, counting the first bar across. */
  maxBars: number;
}

/**
 * Follows one excursion beyond a range boundary, from the first bar that trades across it until a close
 * back inside (returned) or until it goes too far or stays out too long (failed). Springs and UTADs are
 * mirror images, so one class serves both.
 */
export class BoundaryProbe {
  private extremeBar: AnalyzedBar;

  constructor(
    private readonly side: ProbeSide,
    private readonly level: number,
    private readonly firstBar: AnalyzedBar,
    private readonly limits: ProbeLimits,
  ) {
    this.extremeBar = firstBar;
  }

  /** Whether `bar` trades across the boundary, so a probe starts there. */
  static crosses(side: ProbeSide, level: number, bar: AnalyzedBar): boolean {
    return side === "below" ? bar.low < level : bar.high > level;
  }

  /** Feeds the next bar (the first call gets the bar the probe started at). */
  update(bar: AnalyzedBar): ProbeOutcome {
    if (this.beyond(bar) > this.beyond(this.extremeBar)) this.extremeBar = bar;
    const depth = this.beyond(this.extremeBar) / this.level;
    if (depth > this.limits.maxDepth) return { status: "failed" };
    const closedBack = this.side === "below" ? bar.close > this.level : bar.close < this.level;
    if (closedBack) return { status: "returned", extremeBar: this.extremeBar, returnBar: bar, depth };
    if (bar.index - this.firstBar.index + 1 >= this.limits.maxBars) return { status: "failed" };
    return { status: "watching" };
  }

  /** Distance past the boundary in price (positive beyond it). */
  private beyond(bar: AnalyzedBar): number {
    return this.side === "below" ? this.level - bar.low : bar.high - this.level;
  }
}
