import { toMoneyString } from "@/lib/decimal";
import type { Outcome } from "@/lib/market-outcome";
import type { SignalOutcomeColumns } from "../db/schema";
import { rFromHundredths } from "./outcome-rules";

type OutcomeFields = Pick<SignalOutcomeColumns, "outcome_result" | "outcome_price" | "outcome_at" | "outcome_r">;

/** A stored outcome as the wire shows it (`GET /api/signals`, `signal_outcome`); null while there is none. */
export function toOutcome(row: Partial<OutcomeFields>): Outcome | null {
  if (!row.outcome_result || row.outcome_price == null || row.outcome_at == null || row.outcome_r == null) return null;
  return {
    result: row.outcome_result,
    price: toMoneyString(row.outcome_price),
    at: new Date(row.outcome_at).toISOString(),
    r: rFromHundredths(row.outcome_r),
  };
}
