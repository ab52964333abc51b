import type { AnalyzedBar } from "../bar-window";
import { SPRING_MAX_PENETRATION, SPRING_MAX_RECLAIM_BARS } from "../wyckoff-constants";

export type BreakdownOutcome = { status: "watching" } | { status: "reclaimed" } | { status: "confirmed"; confirmBar: AnalyzedBar };

/**
 * Decides whether a sign-of-weakness bar was a breakdown or a shakeout. A close back above S within the spring
 * window makes it a shakeout (the spring probe then reports it); staying down through the window, or trading
 * deeper than any spring may, confirms the SOW at that bar. Confirming later than the SOW bar itself is the
 * price of not repainting: nothing the detector reports is taken back by a later bar.
 */
export class BreakdownWatch {
  constructor(
    readonly sowBar: AnalyzedBar,
    private readonly levels: { support: number; floor: number },
  ) {}

  /** Feeds the SOW bar itself, then every later bar. */
  update(bar: AnalyzedBar): BreakdownOutcome {
    if (bar.close > this.levels.support) return { status: "reclaimed" };
    const beyondSpring = bar.low < this.levels.floor * (1 - SPRING_MAX_PENETRATION);
    const windowOver = bar.index - this.sowBar.index + 1 >= SPRING_MAX_RECLAIM_BARS;
    return beyondSpring || windowOver ? { status: "confirmed", confirmBar: bar } : { status: "watching" };
  }
}
