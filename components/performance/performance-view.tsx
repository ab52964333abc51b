import type { PerformanceStats } from "@/lib/market-outcome";
import { formatR } from "../signals/outcome-text";
import { CumulativeRChart } from "./cumulative-r-chart";
import { StatsTable } from "./stats-table";

/** One headline figure; `sample` is the number of outcomes a rate stands on, shown beside it. */
function Figure({ label, value, testId, sample }: { label: string; value: string; testId: string; sample?: number }) {
  return (
    <div className="figure">
      <span className="muted">{label}</span>
      <strong data-testid={testId}>{value}</strong>
      {sample === undefined ? null : <span className="muted sample" data-testid={`${testId}-sample`}>{`of ${sample}`}</span>}
    </div>
  );
}

/**
 * What each grade, pattern and timeframe has been worth (contract §8): win rate and expectancy for every approved signal and
 * for the taken ones, and the cumulative R of the latest outcomes. `whose` says whose signals these are.
 */
export function PerformanceView({ all, taken, whose }: { all: PerformanceStats; taken: PerformanceStats; whose: string }) {
  const totals = all.totals;
  // Every outcome, the ones counted apart included: a desk whose orders never filled has outcomes too.
  const outcomes = totals.wins + totals.losses + totals.scratches + totals.not_filled + totals.no_data;
  if (outcomes === 0) {
    return (
      <section className="card empty-state" data-testid="performance-empty">
        <h2>No outcomes yet</h2>
        <p>
          {all.totals.signals === 0
            ? `There are no approved signals for ${whose} yet.`
            : `${all.totals.signals} approved signal${all.totals.signals === 1 ? " is" : "s are"} still open.`}{" "}
          Every approved signal gets an outcome — whether it was taken, skipped, expired or withdrawn — as soon as a bar of its symbol
          reaches its stop (−1 R) or its target (+R), or when its window ends (50 of its bars, at least 24 hours) at the last close inside
          it. Win rate and expectancy by grade, pattern and timeframe appear here with the first outcome.
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
        <Figure label="Approved signals" value={String(totals.signals)} testId="total-signals" />
        {totals.trader_signals === undefined ? null : (
          <Figure label="Trader signals" value={String(totals.trader_signals)} testId="total-trader-signals" />
        )}
        <Figure label="Outcomes" value={`${outcomes} (${totals.open} open)`} testId="total-outcomes" />
        <Figure label="Win rate" value={rate(totals.win_rate)} testId="total-win-rate" sample={totals.win_rate_sample} />
        <Figure label="Expectancy" value={expectancy(totals.expectancy_r)} testId="total-expectancy" sample={totals.expectancy_sample} />
        <Figure label="Scratches" value={String(totals.scratches)} testId="total-scratches" />
        <Figure label="Not filled" value={String(totals.not_filled)} testId="total-not-filled" />
        <Figure label="No data" value={String(totals.no_data)} testId="total-no-data" />
        <Figure label="Taken" value={String(totals.taken)} testId="total-taken" />
        <Figure
          label="Win rate (taken)"
          value={rate(taken.totals.win_rate)}
          testId="taken-win-rate"
          sample={taken.totals.win_rate_sample}
        />
        <Figure
          label="Expectancy (taken)"
          value={expectancy(taken.totals.expectancy_r)}
          testId="taken-expectancy"
          sample={taken.totals.expectancy_sample}
        />
      </section>
      <p className="muted performance-legend" data-testid="performance-legend">
        Win rate is wins over wins and losses; expectancy is the mean R over wins, losses and scratches; &ldquo;of n&rdquo; is how many
        outcomes a rate stands on. A scratch is a timeout within ±0.10 R. Not filled: the entry order never traded within its bars. No data:
        no bar of the symbol came within the signal&apos;s window. Neither is a trade, so neither counts in a rate.
      </p>
      <StatsTable title="By grade" keyLabel="Grade" all={all.by_grade} taken={taken.by_grade} testId="stats-by-grade" />
      <StatsTable title="By pattern" keyLabel="Pattern" all={all.by_pattern} taken={taken.by_pattern} testId="stats-by-pattern" />
      <StatsTable title="By timeframe" keyLabel="Timeframe" all={all.by_timeframe} taken={taken.by_timeframe} testId="stats-by-timeframe" />
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
