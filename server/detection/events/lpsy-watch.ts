import type { AnalyzedBar } from "../bar-window";
import {
  LPSY_MAX_BARS_AFTER_SOW,
  LPSY_MAX_DROP_BARS,
  LPSY_MAX_HIGH_ABOVE_SUPPORT,
  LPSY_MAX_HIGH_BELOW_SUPPORT,
  LPSY_MAX_SPREAD_ATR,
  LPSY_MAX_VOLUME,
  LPSY_MIN_DROP,
} from "../wyckoff-constants";

export type LpsyOutcome =
  { status: "watching" } | { status: "failed" } | { status: "confirmed"; rallyBar: AnalyzedBar; confirmBar: AnalyzedBar };

/**
 * Waits for the last point of supply after an SOW: within 10 bars a weak rally whose high reaches
 * S × 0.99 but fails below S, its top bar narrow (spread ≤ ATR) on light volume (vol ≤ 0.8), then a close
 * ≤ that high × 0.99 within 3 bars. The rally bar is the highest one so far; a bar that makes a new high
 * never confirms an older one. A high above S × 1.02 means the breakdown failed.
 */
export class LpsyWatch {
  private rally: AnalyzedBar | undefined;

  constructor(
    private readonly sowBar: AnalyzedBar,
    private readonly support: number,
  ) {}

  /** Feeds the next bar after the SOW. */
  update(bar: AnalyzedBar): LpsyOutcome {
    if (bar.high > this.support * (1 + LPSY_MAX_HIGH_ABOVE_SUPPORT)) return { status: "failed" };
    const since = bar.index - this.sowBar.index;
    const inWindow = since <= LPSY_MAX_BARS_AFTER_SOW;
    const inZone = bar.high >= this.support * (1 - LPSY_MAX_HIGH_BELOW_SUPPORT) && bar.high < this.support;

    if (this.rally && bar.high > this.rally.high) {
      // Still rallying: the new high is the candidate, unless it got back to S or came too late.
      if (!inWindow) return { status: "failed" };
      this.rally = inZone ? bar : undefined;
      return { status: "watching" };
    }
    if (this.rally) {
      const rally = this.rally;
      if (isWeakRallyBar(rally) && bar.close <= rally.high * (1 - LPSY_MIN_DROP))
        return { status: "confirmed", rallyBar: rally, confirmBar: bar };
      if (bar.index - rally.index >= LPSY_MAX_DROP_BARS) this.rally = undefined;
    }
    if (!this.rally && inWindow && inZone) {
      this.rally = bar;
      return { status: "watching" };
    }
    return !this.rally && !inWindow ? { status: "failed" } : { status: "watching" };
  }
}

/** Light volume and a narrow spread: supply is not being absorbed, demand is just absent. */
function isWeakRallyBar(bar: AnalyzedBar): boolean {
  return (
    bar.relVolume !== undefined &&
    bar.relVolume <= LPSY_MAX_VOLUME &&
    bar.atrBefore !== undefined &&
    bar.high - bar.low <= LPSY_MAX_SPREAD_ATR * bar.atrBefore
  );
}
