import type { Outcome } from "@/lib/signal-outcome";
import { formatR, outcomeLabel } from "./outcome-text";

/** A signal's market outcome with its R (green for a gain, red for a loss), or "open" while there is none. */
export function MarketOutcomeBadge({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) {
    return (
      <span className="badge market-outcome open" data-testid="market-outcome" title="Neither the stop nor the target reached yet">
        open
      </span>
    );
  }
  const tone = outcome.r > 0 ? "win" : "loss";
  return (
    <span
      className={`badge market-outcome ${tone}`}
      data-testid="market-outcome"
      data-result={outcome.result}
      title={`${outcome.result} at ${outcome.price}: ${formatR(outcome.r)}`}
    >
      {outcomeLabel(outcome)}
    </span>
  );
}
