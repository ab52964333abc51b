import type { PerformanceStats } from "@/lib/signal-outcome";
import { formatR } from "../signals/outcome-text";
import { CumulativeRChart } from "./cumulative-r-chart";
import { StatsTable } from "./stats-table";

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="figure">
      <span className="muted">{label}</span>
      <strong data-testid={testId}>{value}</strong>
    </div>
  );
}

/**
 * What each grade and pattern has been worth (contract §8): win rate and expectancy for every approved signal and
 * for the taken ones, and the cumulative R of the latest outcomes. `whose` says whose signals these are.
 */
export function PerformanceView({ all, taken, whose }: { all: PerformanceStats; taken: PerformanceStats; whose: string }) {
  const outcomes = all.totals.wins + all.totals.losses;
  if (outcomes === 0) {
    return (
      <section className="card empty-state" data-testid="performance-empty">
        <h2>No outcomes yet</h2>
        <p>
          {all.totals.signals === 0
            ? `There are no approved signals for ${whose} yet.`
            : `${all.totals.signals} approved signal${all.totals.signals === 1 ? " is" : "s are"} still open.`}{" "}
          Every approved signal gets an outcome — whether it was taken, skipped, expired or withdrawn — as soon as a bar of its symbol
          reaches its stop (−1 R) or its target (+R), or 24 hours after approval at the last close. Win rate and expectancy by grade and by
          pattern appear here with the first outcome.
        </p>
        <p className="muted">With the demo feed running, the first outcomes usually arrive within a few minutes of the first signals.</p>
      </section>
    );
  }
  const rate = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)} %`);
  const expectancy = (value: number | null) => (value === null ? "—" : formatR(value));
  const last = all.curve.at(-1);
  return (
    <>
      <section className="card figures" aria-label="Totals" data-testid="performance-totals">
        <Figure label="Approved signals" value={String(all.totals.signals)} testId="total-signals" />
        <Figure label="Outcomes" value={`${outcomes} (${all.totals.open} open)`} testId="total-outcomes" />
        <Figure label="Win rate" value={rate(all.totals.win_rate)} testId="total-win-rate" />
        <Figure label="Expectancy" value={expectancy(all.totals.expectancy_r)} testId="total-expectancy" />
        <Figure label="Taken" value={String(all.totals.taken)} testId="total-taken" />
        <Figure label="Win rate (taken)" value={rate(taken.totals.win_rate)} testId="taken-win-rate" />
        <Figure label="Expectancy (taken)" value={expectancy(taken.totals.expectancy_r)} testId="taken-expectancy" />
      </section>
      <StatsTable title="By grade" keyLabel="Grade" all={all.by_grade} taken={taken.by_grade} testId="stats-by-grade" />
      <StatsTable title="By pattern" keyLabel="Pattern" all={all.by_pattern} taken={taken.by_pattern} testId="stats-by-pattern" />
      <section className="card" aria-labelledby="curve-heading">
        <h2 id="curve-heading">Cumulative R</h2>
        <p className="muted">
          Every approved signal&apos;s outcome added up in the order they happened{all.curve.length >= 500 ? " (the latest 500)" : ""}: what
          following every signal with the same risk would have made, in multiples of that risk.
        </p>
        <CumulativeRChart
          points={all.curve}
          label={`Cumulative R over ${all.curve.length} outcomes, now ${last ? formatR(last.cumulative_r) : "0.00 R"}`}
        />
      </section>
    </>
  );
}
