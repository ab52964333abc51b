import type { AnalyzedBar } from "./bar-window";
import type { ActiveRange, BrokenRange, Emit } from "./detector-state";
import { breakoutClarity, patternQuality, quietBarClarity } from "./events/event-clarity";
import { lpsLevels, lpsyLevels, sosLevels, sowLevels } from "./events/event-levels";
import type { LpsWatch } from "./events/lps-watch";
import type { LpsyWatch } from "./events/lpsy-watch";
import { phaseStrength } from "./phase-strength";

/**
 * What follows a range's end: the SOW waiting out the spring window, then the LPSY after it, and the SOS waiting
 * out the UTAD window, then the LPS after it. These watches outlive the range that started them (wyckoff-detector.ts ends it at the breakout).
 */
export class AfterBreakout {
  private lps: { watch: LpsWatch; broken: BrokenRange } | undefined;
  private lpsy: { watch: LpsyWatch; broken: BrokenRange } | undefined;

  /** Feeds the LPS and LPSY watches the next bar. */
  follow(bar: AnalyzedBar, emit: Emit): void {
    this.followLps(bar, emit);
    this.followLpsy(bar, emit);
  }

  /**
   * One more bar of a pending breakdown (the SOW bar first). Its LPSY may already be under way: a rally that
   * fails below S inside the spring window is no reclaim, so it confirms the SOW too, and both are reported at
   * that bar with prices it traded.
   */
  followBreakdown(pending: NonNullable<ActiveRange["breakdown"]>, bar: AnalyzedBar, emit: Emit): "watching" | "reclaimed" | "confirmed" {
    const breakdown = pending.watch.update(bar);
    if (breakdown.status === "reclaimed") return "reclaimed";
    const lpsy = bar.index > pending.watch.sowBar.index ? pending.lpsy?.update(bar) : undefined;
    if (lpsy?.status === "failed") pending.lpsy = undefined;
    if (breakdown.status !== "confirmed" && lpsy?.status !== "confirmed") return "watching";
    const { broken } = pending;
    const sowBar = pending.watch.sowBar;
    const quality = patternQuality(broken.quality, breakoutClarity(sowBar, "down"));
    emit("SOW", sowLevels(broken.bounds, bar.close, broken.rangeBars), quality, phaseStrength("SOW", broken.steps), sowBar.relVolume);
    broken.steps.set("SOW", sowBar.index);
    if (lpsy?.status === "confirmed") this.reportLpsy(broken, lpsy.rallyBar, lpsy.confirmBar, emit);
    else if (pending.lpsy) this.lpsy = { watch: pending.lpsy, broken };
    return "confirmed";
  }

  /**
   * One more bar of a pending breakout (the SOS bar first), the mirror of followBreakdown: an LPS confirmed
   * inside the UTAD window confirms the SOS too, and both are reported at that bar, entering at its close.
   */
  followBreakout(pending: NonNullable<ActiveRange["breakout"]>, bar: AnalyzedBar, emit: Emit): "watching" | "reclaimed" | "confirmed" {
    const breakout = pending.watch.update(bar);
    if (breakout.status === "reclaimed") return "reclaimed";
    const lps = bar.index > pending.watch.sosBar.index ? pending.lps?.update(bar) : undefined;
    if (lps?.status === "failed") pending.lps = undefined;
    if (breakout.status !== "confirmed" && lps?.status !== "confirmed") return "watching";
    const { broken } = pending;
    const sosBar = pending.watch.sosBar;
    const quality = patternQuality(broken.quality, breakoutClarity(sosBar, "up"));
    emit("SOS", sosLevels(broken.bounds, bar.close, broken.rangeBars), quality, phaseStrength("SOS", broken.steps), sosBar.relVolume);
    broken.steps.set("SOS", sosBar.index);
    if (lps?.status === "confirmed") this.reportLps(broken, lps.pullbackBar, bar, emit);
    else if (pending.lps) this.lps = { watch: pending.lps, broken };
    return "confirmed";
  }

  private followLps(bar: AnalyzedBar, emit: Emit): void {
    if (!this.lps) return;
    const { watch, broken } = this.lps;
    const outcome = watch.update(bar);
    if (outcome.status === "confirmed") this.reportLps(broken, outcome.pullbackBar, outcome.confirmBar, emit);
    if (outcome.status !== "watching") this.lps = undefined;
  }

  private reportLps(broken: BrokenRange, pullbackBar: AnalyzedBar, confirmBar: AnalyzedBar, emit: Emit): void {
    emit(
      "LPS",
      lpsLevels(broken.bounds, broken.rangeBars, confirmBar),
      patternQuality(broken.quality, quietBarClarity(pullbackBar, "up")),
      phaseStrength("LPS", broken.steps),
      pullbackBar.relVolume,
    );
  }

  private followLpsy(bar: AnalyzedBar, emit: Emit): void {
    if (!this.lpsy) return;
    const { watch, broken } = this.lpsy;
    const outcome = watch.update(bar);
    if (outcome.status === "confirmed") this.reportLpsy(broken, outcome.rallyBar, outcome.confirmBar, emit);
    if (outcome.status !== "watching") this.lpsy = undefined;
  }

  private reportLpsy(broken: BrokenRange, rallyBar: AnalyzedBar, confirmBar: AnalyzedBar, emit: Emit): void {
    emit(
      "LPSY",
      lpsyLevels(broken.bounds, rallyBar.high, broken.rangeBars, confirmBar),
      patternQuality(broken.quality, quietBarClarity(rallyBar, "down")),
      phaseStrength("LPSY", broken.steps),
      rallyBar.relVolume,
    );
  }
}
