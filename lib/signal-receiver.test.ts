import { describe, expect, it } from "vitest";
import type { SignalNotification } from "./signal-notification";
import { createSignalReceiver } from "./signal-receiver";

const signal: SignalNotification = {
  type: "signal_approved",
  signal_id: "550e8400-e29b-41d4-a716-446655440000",
  timestamp: "2026-01-23T10:30:00.000Z",
  symbol: "AAPL",
  pattern_type: "SPRING",
  confidence_score: 92.5,
  confidence_grade: "A+",
  entry_price: "150.25",
  stop_loss: "149.50",
  target_price: "152.75",
  risk_amount: "75.00",
  risk_percentage: 1.5,
  r_multiple: 3.33,
  expires_at: "2026-01-23T10:35:00.000Z",
  direction: "long",
  timeframe: "5m",
  shares: 100,
  position_value: "15025.00",
  size_limited_by: "risk",
  is_test: false,
};

describe("signal receiver", () => {
  it("stores a signal once and acks every copy", () => {
    const stored = new Map<string, SignalNotification>();
    const shown: string[] = [];
    const receive = createSignalReceiver({ add: (s) => (stored.has(s.signal_id) ? false : (stored.set(s.signal_id, s), true)) }, (s) =>
      shown.push(s.signal_id),
    );
    const acks: string[] = [];
    receive(signal, (receipt) => acks.push(receipt.received_at));
    receive(signal, (receipt) => acks.push(receipt.received_at));
    expect(stored.size).toBe(1);
    expect(shown).toEqual([signal.signal_id]);
    expect(acks).toHaveLength(2);
    expect(Number.isNaN(Date.parse(acks[0] ?? ""))).toBe(false);
  });

  it("does not ack a payload it cannot read", () => {
    let acked = false;
    createSignalReceiver({ add: () => true })({ ...signal, entry_price: 150.25 }, () => (acked = true));
    expect(acked).toBe(false);
  });
});
