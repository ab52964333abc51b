import { type Outcome, outcomeTone } from "@/lib/market-outcome";
import { outcomeDescription, outcomeLabel } from "./outcome-text";

/**
 * A signal's market outcome with its R — green for a gain, red for a loss, grey for neither (a scratch, or no
 * trade: not filled, no data) — or "open" while there is none. The words say the same as the colour.
 */
export function MarketOutcomeBadge({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) {
    return (
      <span className="badge market-outcome open" data-testid="market-outcome" title="Neither the stop nor the target reached yet">
        open
      </span>
    );
  }
  const tone = outcomeTone(outcome);
  return (
    <span
      className={`badge market-outcome ${tone}`}
      data-testid="market-outcome"
      data-result={outcome.result}
      data-tone={tone}
      title={outcomeDescription(outcome)}
    >
      {outcomeLabel(outcome)}
    </span>
  );
}
