import { describe, expect, it } from "vitest";
import { entryOrderOf, PatternSchema } from "./pattern";

const long = {
  symbol: "AAPL",
  pattern_type: "LPS",
  timeframe: "5m",
  detected_at: "2026-01-23T10:29:59.500Z",
  entry_price: "150.25",
  stop_loss: "149.50",
  target_price: "152.75",
  pattern_quality: 0.85,
  phase_strength: 0.95,
  volume_ratio: 0.35,
} as const;
const short = { ...long, pattern_type: "LPSY", stop_loss: "151.00", target_price: "148.00" } as const;

/** The message of the entry_order.price issue, or null when the body is accepted. */
function refusal(body: object, entry_order: object): string | null {
  const parsed = PatternSchema.safeParse({ ...body, entry_order });
  if (parsed.success) return null;
  return parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
}

describe("entry orders (issue 21 §2)", () => {
  it("defaults to a market order at the entry price for one bar, and rounds an order's price half up", () => {
    expect(entryOrderOf(PatternSchema.parse(long))).toEqual({ type: "market", price: "150.25", valid_bars: 1 });
    const limit = PatternSchema.parse({ ...long, entry_order: { type: "limit", price: "150.005", valid_bars: 3 } });
    expect(entryOrderOf(limit)).toEqual({ type: "limit", price: "150.01", valid_bars: 3 });
  });

  it("accepts a long limit between stop and entry and a long stop between entry and target, mirrored for shorts", () => {
    expect(refusal(long, { type: "limit", price: "150.25", valid_bars: 1 })).toBeNull();
    expect(refusal(long, { type: "limit", price: "149.51", valid_bars: 1 })).toBeNull();
    expect(refusal(long, { type: "stop", price: "152.74", valid_bars: 1 })).toBeNull();
    expect(refusal(short, { type: "limit", price: "150.99", valid_bars: 1 })).toBeNull();
    expect(refusal(short, { type: "stop", price: "148.01", valid_bars: 1 })).toBeNull();
  });

  it("refuses orders that would fill at once or only once the trade is decided, with the reason", () => {
    expect(refusal(long, { type: "limit", price: "150.26", valid_bars: 1 })).toBe(
      "entry_order.price: a buy limit must rest at or below entry_price 150.25",
    );
    expect(refusal(long, { type: "limit", price: "149.50", valid_bars: 1 })).toBe(
      "entry_order.price: a limit must rest above stop_loss 149.50",
    );
    expect(refusal(long, { type: "stop", price: "150.24", valid_bars: 1 })).toBe(
      "entry_order.price: a buy stop must rest at or above entry_price 150.25",
    );
    expect(refusal(long, { type: "stop", price: "152.75", valid_bars: 1 })).toBe(
      "entry_order.price: a stop entry must rest below target_price 152.75",
    );
    expect(refusal(short, { type: "limit", price: "150.24", valid_bars: 1 })).toBe(
      "entry_order.price: a sell limit must rest at or above entry_price 150.25",
    );
    expect(refusal(long, { type: "market", price: "150.20", valid_bars: 1 })).toBe(
      "entry_order.price: a market order enters at entry_price 150.25",
    );
    expect(refusal(long, { type: "limit", price: "150.00", valid_bars: 0 })).toBe(
      "entry_order.valid_bars: Too small: expected number to be >=1",
    );
    expect(refusal(long, { type: "iceberg", price: "150.00", valid_bars: 1 })).toMatch(/^entry_order.type: /);
  });
});
