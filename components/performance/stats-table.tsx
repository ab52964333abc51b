import type { StatsEntry } from "@/lib/signal-outcome";
import { formatR } from "../signals/outcome-text";

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)} %`);
const expectancy = (r: number | null) => (r === null ? "—" : formatR(r));

/**
 * Win rate and expectancy per grade or pattern, for all approved signals and for the taken ones side by side
 * ("—" before a group's first outcome).
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
              <th scope="col" className="num">
                Signals
              </th>
              <th scope="col" className="num">
                Wins
              </th>
              <th scope="col" className="num">
                Losses
              </th>
              <th scope="col" className="num">
                Open
              </th>
              <th scope="col" className="num">
                Win rate
              </th>
              <th scope="col" className="num">
                Expectancy
              </th>
              <th scope="col" className="num">
                Taken
              </th>
              <th scope="col" className="num">
                Win rate (taken)
              </th>
              <th scope="col" className="num">
                Expectancy (taken)
              </th>
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
                  <td className="num">{entry.open}</td>
                  <td className="num" data-testid="win-rate">
                    {percent(entry.win_rate)}
                  </td>
                  <td className="num" data-testid="expectancy">
                    {expectancy(entry.expectancy_r)}
                  </td>
                  <td className="num">{entry.taken}</td>
                  <td className="num" data-testid="taken-win-rate">
                    {percent(mine?.win_rate ?? null)}
                  </td>
                  <td className="num" data-testid="taken-expectancy">
                    {expectancy(mine?.expectancy_r ?? null)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
