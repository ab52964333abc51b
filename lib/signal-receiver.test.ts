import { describe, expect, it } from "vitest";
import type { SignalNotification } from "./signal-notification";
import { createSignalDeskStore } from "@/components/desk/signal-desk-store";
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

// The dashboard's own store is the inbox here: its de-duplication is what a trader relies on.
function deskReceiver(serverNow: number) {
  const store = createSignalDeskStore();
  const shown: string[] = [];
  const receive = createSignalReceiver(
    { add: (s) => store.getState().receive(s) },
    (s) => shown.push(s.signal_id),
    () => serverNow,
  );
  return { store, shown, receive };
}

const BEFORE_EXPIRY = Date.parse(signal.expires_at) - 60_000;

describe("signal receiver with the desk store", () => {
  it("stores and shows a signal once and acks every copy", () => {
    const { store, shown, receive } = deskReceiver(BEFORE_EXPIRY);
    const acks: string[] = [];
    receive(signal, (receipt) => acks.push(receipt.received_at));
    receive({ ...signal, risk_amount: "99.00" }, (receipt) => acks.push(receipt.received_at));
    expect(Object.keys(store.getState().signals)).toEqual([signal.signal_id]);
    // The first copy wins: a repeat never rewrites what the trader is looking at.
    expect(store.getState().signals[signal.signal_id]?.risk_amount).toBe("75.00");
    expect(store.getState().signals[signal.signal_id]?.status).toBe("approved");
    expect(shown).toEqual([signal.signal_id]);
    expect(acks).toHaveLength(2);
    expect(Number.isNaN(Date.parse(acks[0] ?? ""))).toBe(false);
  });

  it("keeps two different signals apart", () => {
    const { store, shown, receive } = deskReceiver(BEFORE_EXPIRY);
    const other = { ...signal, signal_id: "660e8400-e29b-41d4-a716-446655440000" };
    receive(signal, () => undefined);
    receive(other, () => undefined);
    expect(Object.keys(store.getState().signals).sort()).toEqual([signal.signal_id, other.signal_id]);
    expect(shown).toEqual([signal.signal_id, other.signal_id]);
  });

  it("acks but neither stores nor shows a copy that arrives after its expires_at (server clock)", () => {
    const { store, shown, receive } = deskReceiver(Date.parse(signal.expires_at));
    let acked = false;
    receive(signal, () => (acked = true));
    expect(acked).toBe(true);
    expect(store.getState().signals).toEqual({});
    expect(shown).toEqual([]);
  });

  it("does not ack a payload it cannot read", () => {
    let acked = false;
    createSignalReceiver({ add: () => true }, undefined, () => BEFORE_EXPIRY)({ ...signal, entry_price: 150.25 }, () => (acked = true));
    expect(acked).toBe(false);
  });
});
