import { toMoneyString } from "@/lib/decimal";
import { EntryOrderSchema, type EntryOrder, type PatternType } from "@/lib/pattern";
import type { SignalNotification } from "@/lib/signal-notification";
import type { Grade } from "@/lib/grade";
import type { SignalRow } from "../pipeline/signal-store";

/** Issue 21 §2: the signal's entry order (stored as JSON with it); a market order at the entry when none was given. */
function entryOrderOf(row: SignalRow & { entry_order?: string | null }): EntryOrder {
  const stored = row.entry_order ? EntryOrderSchema.safeParse(JSON.parse(row.entry_order)) : null;
  return stored?.success ? stored.data : { type: "market", price: toMoneyString(row.entry_price), valid_bars: 1 };
}

/** The `signal_approved` wire payload for a stored, approved signal. */
export function toNotification(row: SignalRow & { entry_order?: string | null }): SignalNotification {
  return {
    type: "signal_approved",
    signal_id: row.id,
    timestamp: new Date(row.approved_at ?? row.created_at).toISOString(),
    symbol: row.symbol,
    pattern_type: row.pattern_type as PatternType,
    confidence_score: Number(row.confidence_score),
    confidence_grade: row.confidence_grade as Grade,
    entry_price: toMoneyString(row.entry_price),
    stop_loss: toMoneyString(row.stop_loss),
    target_price: toMoneyString(row.target_price),
    risk_amount: row.risk_amount,
    risk_percentage: Number(row.risk_percentage),
    r_multiple: Number(row.r_multiple),
    expires_at: new Date(row.expires_at ?? 0).toISOString(),
    direction: row.direction as "long" | "short",
    timeframe: row.timeframe,
    shares: row.shares,
    position_value: row.position_value,
    size_limited_by: row.size_limited_by,
    is_test: row.is_test === 1,
    entry_order: entryOrderOf(row),
  };
}
