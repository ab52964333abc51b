import { describe, expect, it } from "vitest";
import { signalRow } from "@/tests/support/signal-row";
import { toNotification } from "./notification-payload";

const entryOrder = JSON.stringify({ type: "limit", price: "150.00", valid_bars: 5 });

describe("toNotification", () => {
  it("gives each signal its own pattern's prices and entry order when patterns alternate (the parts shared per pattern)", () => {
    const a = { ...signalRow({ pattern_id: "p-a", user_id: "u1" }), entry_order: entryOrder };
    const b = signalRow({ pattern_id: "p-b", user_id: "u2", entry_price: "20.5", stop_loss: "19.25", target_price: "24" });
    const a2 = { ...signalRow({ pattern_id: "p-a", user_id: "u3", shares: 7 }), entry_order: entryOrder };
    const [first, second, third] = [a, b, a2].map((row) => toNotification(row));
    expect(first).toMatchObject({ entry_price: "150.25", stop_loss: "149.50", target_price: "152.75" });
    expect(first!.entry_order).toEqual({ type: "limit", price: "150.00", valid_bars: 5 });
    expect(second).toMatchObject({ entry_price: "20.50", stop_loss: "19.25", target_price: "24.00", signal_id: b.id });
    expect(second!.entry_order).toEqual({ type: "market", price: "20.50", valid_bars: 1 });
    expect(third).toMatchObject({ entry_price: "150.25", shares: 7, signal_id: a2.id });
    expect(third!.entry_order).toEqual({ type: "limit", price: "150.00", valid_bars: 5 });
  });

  it("does not reuse the entry order of a signal with the same prices but another order", () => {
    const limit = { ...signalRow({ pattern_id: "p", user_id: "u" }), entry_order: entryOrder };
    const market = { ...signalRow({ pattern_id: "q", user_id: "u" }), entry_order: null };
    expect(toNotification(limit).entry_order?.type).toBe("limit");
    expect(toNotification(market).entry_order).toEqual({ type: "market", price: "150.25", valid_bars: 1 });
  });

  it("stamps each signal with its own approval and expiry times", () => {
    const rows = [1_000, 1_000, 2_000].map((at, index) =>
      signalRow({ pattern_id: "p", user_id: `u${index}`, approved_at: at, expires_at: at + 60_000 * (index + 1) }),
    );
    expect(rows.map((row) => [toNotification(row).timestamp, toNotification(row).expires_at])).toEqual([
      [new Date(1_000).toISOString(), new Date(61_000).toISOString()],
      [new Date(1_000).toISOString(), new Date(121_000).toISOString()],
      [new Date(2_000).toISOString(), new Date(182_000).toISOString()],
    ]);
  });
});
