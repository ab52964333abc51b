import type { DeskSignal } from "./signal-desk-store";

const money = (value: string) => `$${Number(value).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The numbers a trader acts on, labelled for screen readers and tests alike. */
export function SignalFacts({ signal }: { signal: DeskSignal }) {
  const facts: Array<[string, string, string]> = [
    ["Entry", signal.entry_price, "entry-price"],
    ["Stop", signal.stop_loss, "stop-loss"],
    ["Target", signal.target_price, "target-price"],
    ["R", `${signal.r_multiple.toFixed(2)}R`, "r-multiple"],
    ["Risk", `${money(signal.risk_amount)} (${signal.risk_percentage}%)`, "risk"],
    ["Size", `${signal.shares} sh · ${money(signal.position_value)}`, "position"],
  ];
  return (
    <dl className="facts">
      {facts.map(([label, value, testId]) => (
        <div key={testId}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
