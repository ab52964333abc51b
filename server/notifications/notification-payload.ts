import { toMoneyString } from "@/lib/decimal";
import { EntryOrderSchema, type EntryOrder, type PatternType } from "@/lib/pattern";
import type { SignalNotification } from "@/lib/signal-notification";
import type { Grade } from "@/lib/grade";
import type { SignalRow } from "../pipeline/signal-store";

/**
 * The parts every signal of one pattern shares (its prices and entry order), computed once for the pattern's
 * first row and reused for the rest: a fan-out's rows arrive one after another with the same values, and a
 * zod parse and three decimal roundings per delivery were 3 % of the server's busy time (issue 20, session 6).
 */
interface SharedParts {
  from: Pick<SignalRow, "entry_price" | "stop_loss" | "target_price"> & { entry_order: string | null };
  entry_price: string;
  stop_loss: string;
  target_price: string;
  entry_order: EntryOrder;
}
let lastShared: SharedParts | null = null;

function sharedPartsOf(row: SignalRow & { entry_order?: string | null }): SharedParts {
  const last = lastShared?.from;
  const entryOrder = row.entry_order ?? null;
  if (
    lastShared &&
    last!.entry_price === row.entry_price &&
    last!.stop_loss === row.stop_loss &&
    last!.target_price === row.target_price &&
    last!.entry_order === entryOrder
  ) {
    return lastShared;
  }
  const entryPrice = toMoneyString(row.entry_price);
  // Issue 21 §2: the signal's entry order (stored as JSON with it); a market order at the entry when none was given.
  const stored = row.entry_order ? EntryOrderSchema.safeParse(JSON.parse(row.entry_order)) : null;
  lastShared = {
    from: { entry_price: row.entry_price, stop_loss: row.stop_loss, target_price: row.target_price, entry_order: entryOrder },
    entry_price: entryPrice,
    stop_loss: toMoneyString(row.stop_loss),
    target_price: toMoneyString(row.target_price),
    entry_order: stored?.success ? stored.data : { type: "market", price: entryPrice, valid_bars: 1 },
  };
  return lastShared;
}

/** An ISO time for epoch ms, remembered for the last value asked: a pattern's rows share approval and expiry times. */
class IsoTime {
  private ms = Number.NaN;
  private iso = "";

  of(ms: number): string {
    if (ms !== this.ms) {
      this.iso = new Date(ms).toISOString();
      this.ms = ms;
    }
    return this.iso;
  }
}
const approvalTime = new IsoTime();
const expiryTime = new IsoTime();

/** The `signal_approved` wire payload for a stored, approved signal. */
export function toNotification(row: SignalRow & { entry_order?: string | null }): SignalNotification {
  const shared = sharedPartsOf(row);
  return {
    type: "signal_approved",
    signal_id: row.id,
    timestamp: approvalTime.of(row.approved_at ?? row.created_at),
    symbol: row.symbol,
    pattern_type: row.pattern_type as PatternType,
    confidence_score: Number(row.confidence_score),
    confidence_grade: row.confidence_grade as Grade,
    entry_price: shared.entry_price,
    stop_loss: shared.stop_loss,
    target_price: shared.target_price,
    risk_amount: row.risk_amount,
    risk_percentage: Number(row.risk_percentage),
    r_multiple: Number(row.r_multiple),
    expires_at: expiryTime.of(row.expires_at ?? 0),
    direction: row.direction as "long" | "short",
    timeframe: row.timeframe,
    shares: row.shares,
    position_value: row.position_value,
    size_limited_by: row.size_limited_by,
    is_test: row.is_test === 1,
    entry_order: shared.entry_order,
  };
}
