import { randomUUID } from "node:crypto";
import type { SignalRow } from "@/server/pipeline/signal-store";

/** A stored signal row with the AAPL example's numbers; tests override what they need. */
export function signalRow(overrides: Partial<SignalRow> & Pick<SignalRow, "pattern_id" | "user_id">): SignalRow {
  return {
    id: randomUUID(),
    symbol: "AAPL",
    pattern_type: "SPRING",
    direction: "long",
    timeframe: "5m",
    status: "approved",
    rejection_reason: null,
    confidence_score: "92.50",
    confidence_grade: "A+",
    volume_score: "1.00",
    entry_price: "150.25",
    stop_loss: "149.50",
    target_price: "152.75",
    shares: 100,
    risk_amount: "75.00",
    risk_percentage: "1.5",
    r_multiple: "3.33",
    position_value: "15025.00",
    is_test: 0,
    created_at: 1_000,
    approved_at: 1_000,
    expires_at: 301_000,
    decided_at: null,
    decision_reason: null,
    delivery_state: "delivered",
    delivery_attempts: 1,
    acked_at: 1_100,
    delivery_owner: null,
    lease_until: null,
    next_replay_at: null,
    size_limited_by: "risk",
    ...overrides,
  };
}
