import type { AnalyzedBar } from "../bar-window";
import { SOS_CONFIRM_BARS, UTAD_MAX_OVERSHOOT } from "../wyckoff-constants";

export type BreakoutOutcome = { status: "watching" } | { status: "reclaimed" } | { status: "confirmed"; confirmBar: AnalyzedBar };

/**
 * The mirror of BreakdownWatch for a sign-of-strength bar: a close back below R within the UTAD window makes it
 * an upthrust (the upthrust probe reports it), not an SOS; staying up through the window, or trading higher than
 * any UTAD may, confirms the SOS at that bar (issue 21 §3).
 */
export class BreakoutWatch {
  constructor(
    readonly sosBar: AnalyzedBar,
    private readonly levels: { resistance: number; ceiling: number },
  ) {}

  /** Feeds the SOS bar itself, then every later bar. */
  update(bar: AnalyzedBar): BreakoutOutcome {
    if (bar.close < this.levels.resistance) return { status: "reclaimed" };
    const beyondUtad = bar.high > this.levels.ceiling * (1 + UTAD_MAX_OVERSHOOT);
    const windowOver = bar.index - this.sosBar.index + 1 >= SOS_CONFIRM_BARS;
    return beyondUtad || windowOver ? { status: "confirmed", confirmBar: bar } : { status: "watching" };
  }
}
