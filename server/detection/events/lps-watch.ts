import type { AnalyzedBar } from "../bar-window";
import {
  LPS_MAX_BARS_AFTER_SOS,
  LPS_MAX_BOUNCE_BARS,
  LPS_MAX_LOW_ABOVE_RESISTANCE,
  LPS_MAX_LOW_BELOW_RESISTANCE,
  LPS_MIN_BOUNCE,
} from "../wyckoff-constants";

export type LpsOutcome =
  { status: "watching" } | { status: "failed" } | { status: "confirmed"; pullbackBar: AnalyzedBar; confirmBar: AnalyzedBar };

/**
 * Waits for the last point of support after an SOS: within 10 bars a pullback whose low lies between
 * R × 0.98 and R × 1.03, on less volume than the SOS bar, then a close ≥ that low × 1.01 within 3 bars.
 * The pullback bar is the lowest one so far; a bar that makes a new low never confirms an older one.
 */
export class LpsWatch {
  private pullback: AnalyzedBar | undefined;

  constructor(
    private readonly sosBar: AnalyzedBar,
    private readonly resistance: number,
  ) {}

  /** Feeds the next bar after the SOS. */
  update(bar: AnalyzedBar): LpsOutcome {
    // Back below R × 0.98: the breakout failed, there is no LPS to buy.
    if (bar.low < this.resistance * (1 - LPS_MAX_LOW_BELOW_RESISTANCE)) return { status: "failed" };
    const since = bar.index - this.sosBar.index;
    const inWindow = since <= LPS_MAX_BARS_AFTER_SOS;
    const inZone = bar.low <= this.resistance * (1 + LPS_MAX_LOW_ABOVE_RESISTANCE);

    if (this.pullback && bar.low < this.pullback.low) {
      // Still pulling back: this bar is the new pullback low, if it is still early enough to count.
      if (!inWindow) return { status: "failed" };
      this.pullback = bar;
      return { status: "watching" };
    }
    if (this.pullback) {
      const pullback = this.pullback;
      const light = pullback.volume < this.sosBar.volume;
      if (light && bar.close >= pullback.low * (1 + LPS_MIN_BOUNCE)) return { status: "confirmed", pullbackBar: pullback, confirmBar: bar };
      // No bounce in time: forget this low, a later one may still qualify.
      if (bar.index - pullback.index >= LPS_MAX_BOUNCE_BARS) this.pullback = undefined;
    }
    if (!this.pullback && inWindow && inZone) {
      this.pullback = bar;
      return { status: "watching" };
    }
    return !this.pullback && !inWindow ? { status: "failed" } : { status: "watching" };
  }
}
