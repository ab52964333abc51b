import type { AnalyzedBar } from "./bar-window";
import type { ActiveRange, BrokenRange, Emit } from "./detector-state";
import { breakoutClarity, patternQuality, quietBarClarity } from "./events/event-clarity";
import { lpsLevels, lpsyLevels, sowLevels } from "./events/event-levels";
import type { LpsWatch } from "./events/lps-watch";
import type { LpsyWatch } from "./events/lpsy-watch";
import { phaseStrength } from "./phase-strength";

/**
 * What follows a range's end: the SOW waiting out the spring window, then the LPSY after it, and the LPS after
 * an SOS. These watches outlive the range that started them (wyckoff-detector.ts ends it at the breakout).
 */
export class AfterBreakout {
  private lps: { watch: LpsWatch; broken: BrokenRange } | undefined;
  private lpsy: { watch: LpsyWatch; broken: BrokenRange } | undefined;

  /** Starts looking for the LPS of an SOS just reported. */
  watchLps(watch: LpsWatch, broken: BrokenRange): void {
    this.lps = { watch, broken };
  }

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

  private followLps(bar: AnalyzedBar, emit: Emit): void {
    if (!this.lps) return;
    const { watch, broken } = this.lps;
    const outcome = watch.update(bar);
    if (outcome.status === "confirmed") {
      const clarity = quietBarClarity(outcome.pullbackBar, "up");
      emit(
        "LPS",
        lpsLevels(broken.bounds, broken.rangeBars, outcome.confirmBar),
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
