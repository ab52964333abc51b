import type { StatsEntry } from "@/lib/market-outcome";
import { formatR } from "../signals/outcome-text";

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)} %`);
const expectancy = (r: number | null) => (r === null ? "—" : formatR(r));

/** A rate with the number of outcomes it stands on: "67 %" and, beside it, "of 3". */
function RateCell({ value, sample, testId }: { value: string; sample: number; testId: string }) {
  return (
    <td className="num">
      <span data-testid={testId}>{value}</span> <span className="muted sample" data-testid={`${testId}-sample`}>{`of ${sample}`}</span>
    </td>
  );
}

const COLUMNS = [
  "Signals",
  "Wins",
  "Losses",
  "Scratches",
  "Not filled",
  "No data",
  "Open",
  "Win rate",
  "Expectancy",
  "Taken",
  "Win rate (taken)",
  "Expectancy (taken)",
];

/**
 * Win rate and expectancy per grade, pattern or timeframe, for all approved signals and for the taken ones side
 * by side ("—" before a group's first outcome). Each rate shows its sample: wins + losses for the win rate,
 * wins + losses + scratches for expectancy. Scratches, not filled and no data are counted apart (issue 21 §2).
 */
export function StatsTable({
  title,
  keyLabel,
  all,
  taken,
  testId,
}: {
  title: string;
  keyLabel: string;
  all: StatsEntry[];
  taken: StatsEntry[];
  testId: string;
}) {
  const takenByKey = new Map(taken.map((entry) => [entry.key, entry]));
  return (
    <section className="card" aria-labelledby={`${testId}-heading`}>
      <h2 id={`${testId}-heading`}>{title}</h2>
      <div className="table-scroll">
        <table className="stats-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="num">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {all.map((entry) => {
              const mine = takenByKey.get(entry.key);
              return (
                <tr key={entry.key} data-key={entry.key}>
                  <th scope="row">{entry.key}</th>
                  <td className="num">{entry.signals}</td>
                  <td className="num">{entry.wins}</td>
                  <td className="num">{entry.losses}</td>
                  <td className="num" data-testid="scratches">
                    {entry.scratches}
                  </td>
                  <td className="num" data-testid="not-filled">
                    {entry.not_filled}
                  </td>
                  <td className="num" data-testid="no-data">
                    {entry.no_data}
                  </td>
                  <td className="num">{entry.open}</td>
                  <RateCell value={percent(entry.win_rate)} sample={entry.win_rate_sample} testId="win-rate" />
                  <RateCell value={expectancy(entry.expectancy_r)} sample={entry.expectancy_sample} testId="expectancy" />
                  <td className="num">{entry.taken}</td>
                  <RateCell value={percent(mine?.win_rate ?? null)} sample={mine?.win_rate_sample ?? 0} testId="taken-win-rate" />
                  <RateCell
                    value={expectancy(mine?.expectancy_r ?? null)}
                    sample={mine?.expectancy_sample ?? 0}
                    testId="taken-expectancy"
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
