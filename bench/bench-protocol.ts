/** Messages between the benchmark driver and the raw Socket.IO baseline process, and shared helpers. */
export type BaselineCommand =
  | { type: "sustained"; users: number; rate: number; seconds: number }
  | { type: "saturation"; users: number; window: number; seconds: number }
  | { type: "fanout"; users: number }
  | { type: "stop" };

export type BaselineReply =
  { type: "listening"; port: number } | { type: "result"; latencies: number[]; failed: number; acked?: number; seconds: number };

/** A payload the size and shape of a SignalNotification, so both sides move the same bytes. */
export function notificationLike(signalId: string) {
  const now = new Date();
  return {
    type: "signal_approved",
    signal_id: signalId,
    timestamp: now.toISOString(),
    symbol: "BENCH",
    pattern_type: "SPRING",
    confidence_score: 93,
    confidence_grade: "A+",
    entry_price: "100.00",
    stop_loss: "99.00",
    target_price: "103.00",
    risk_amount: "1000.00",
    risk_percentage: 1,
    r_multiple: 3,
    expires_at: new Date(now.getTime() + 600_000).toISOString(),
    direction: "long",
    timeframe: "1m",
    shares: 1000,
    position_value: "100000.00",
    is_test: false,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const round = (value: number, places = 2) => Number(value.toFixed(places));
