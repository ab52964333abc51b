import type { DeskSignal } from "../desk/signal-desk-store";

/** "15025.00" → "$15,025.00", straight from the decimal string (no binary float on the way). */
export function formatMoney(value: string): string {
  const negative = value.startsWith("-");
  const [whole = "0", cents = "00"] = (negative ? value.slice(1) : value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}$${grouped}.${cents.padEnd(2, "0").slice(0, 2)}`;
}

/** The numbers a trader acts on, labelled for screen readers and tests alike. */
export function SignalFacts({ signal }: { signal: DeskSignal }) {
  const facts: Array<[string, string, string]> = [
    ["Entry", signal.entry_price, "entry-price"],
    ["Stop", signal.stop_loss, "stop-loss"],
    ["Target", signal.target_price, "target-price"],
    ["Reward : risk", `${signal.r_multiple.toFixed(2)}R`, "r-multiple"],
    ["Risk", `${formatMoney(signal.risk_amount)} · ${signal.risk_percentage}%`, "risk"],
    [
      "Size",
      // A size cut to the buying power risks less than the budget; the trader should know why.
      `${signal.shares} ${signal.shares === 1 ? "share" : "shares"} · ${formatMoney(signal.position_value)}${
        signal.size_limited_by === "buying_power" ? " · capped by buying power" : ""
      }`,
      "position",
    ],
  ];
  return (
    <dl className="facts">
      {facts.map(([label, value, testId]) => (
        <div key={testId} className={`fact fact-${testId}`}>
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
