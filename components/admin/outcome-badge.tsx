import type { DeliveryLogRow } from "@/lib/delivery-log-schema";

/** A delivery outcome, colored: delivered/replayed good, timeout/no_connection warning, error/expired bad. */
export function OutcomeBadge({ outcome }: { outcome: DeliveryLogRow["outcome"] }) {
  return (
    <span className={`badge outcome outcome-${outcome}`} data-testid="outcome">
      {outcome}
    </span>
  );
}
