import { describe, expect, it } from "vitest";
import { PatternSchema } from "@/lib/pattern";
import { Decimal } from "@/lib/decimal";
import { pricesFollowDirection, toPatternMessage } from "./pattern-message";

const meta = { symbol: "AAPL", timeframe: "5m" };
const levels = (entry: string, stop: string, target: string) => ({
  entry: new Decimal(entry),
  stop: new Decimal(stop),
  target: new Decimal(target),
});

describe("toPatternMessage", () => {
  it("builds a body PatternSchema accepts, prices with two places", () => {
    const pattern = toPatternMessage(
      {
        type: "SPRING",
        levels: levels("150.254", "149.5", "152.755"),
        detectedAt: Date.UTC(2026, 0, 23, 10, 30),
        quality: 0.8512,
        phase: 0.95,
        volumeRatio: 0.3549,
      },
      meta,
    );
    expect(pattern).toEqual({
      symbol: "AAPL",
      pattern_type: "SPRING",
      timeframe: "5m",
      detected_at: "2026-01-23T10:30:00.000Z",
      entry_price: "150.25",
      stop_loss: "149.50",
      target_price: "152.76",
      pattern_quality: 0.85,
      phase_strength: 0.95,
      volume_ratio: 0.35,
    });
    expect(PatternSchema.parse(pattern)).toEqual(pattern);
  });

  it("drops an event whose rounded prices break the direction rule", () => {
    const draft = { detectedAt: 0, quality: 0.5, phase: 0.5, volumeRatio: 1 };
    expect(toPatternMessage({ ...draft, type: "SOS", levels: levels("120", "104.5", "119") }, meta)).toBeUndefined();
    // Distinct before rounding, equal after: still dropped.
    expect(toPatternMessage({ ...draft, type: "LPS", levels: levels("100.001", "100.004", "120") }, meta)).toBeUndefined();
    expect(toPatternMessage({ ...draft, type: "SOW", levels: levels("10", "12", "-5") }, meta)).toBeUndefined();
  });

  it("rounds the stop away from the entry (issue 21 §3): a TEST stop of 98.0075 is 98.00, a short's 112.341 is 112.35", () => {
    const draft = { detectedAt: 0, quality: 0.5, phase: 0.5, volumeRatio: 1 };
    expect(toPatternMessage({ ...draft, type: "TEST", levels: levels("100.5", "98.0075", "110") }, meta)?.stop_loss).toBe("98.00");
    expect(toPatternMessage({ ...draft, type: "UTAD", levels: levels("109.45", "112.341", "100") }, meta)?.stop_loss).toBe("112.35");
    // Entry and target still round half up.
    expect(toPatternMessage({ ...draft, type: "TEST", levels: levels("100.505", "98.0075", "110.005") }, meta)).toMatchObject({
      entry_price: "100.51",
      target_price: "110.01",
    });
  });

  it("states the entry order when the entry is not the confirming close, and none when it is", () => {
    const draft = { detectedAt: 0, quality: 0.5, phase: 0.5, volumeRatio: 1 };
    const order = { type: "limit" as const, validBars: 5 };
    expect(toPatternMessage({ ...draft, type: "TEST", levels: { ...levels("100.5", "98", "110"), order } }, meta)?.entry_order).toEqual({
      type: "limit",
      price: "100.50",
      valid_bars: 5,
    });
    expect(toPatternMessage({ ...draft, type: "SPRING", levels: levels("100.5", "98", "110") }, meta)).not.toHaveProperty("entry_order");
  });

  it("caps the volume ratio where the schema does", () => {
    const pattern = toPatternMessage(
      { type: "SOS", levels: levels("112", "104.5", "140"), detectedAt: 0, quality: 0.5, phase: 0.5, volumeRatio: 5000 },
      meta,
    );
    expect(pattern?.volume_ratio).toBe(1000);
  });
});

describe("pricesFollowDirection", () => {
  it("long: stop < entry < target; short: target < entry < stop", () => {
    expect(pricesFollowDirection("SPRING", "150.25", "149.50", "152.75")).toBe(true);
    expect(pricesFollowDirection("SPRING", "150.25", "150.25", "152.75")).toBe(false);
    expect(pricesFollowDirection("UTAD", "109.45", "112.35", "100.00")).toBe(true);
    expect(pricesFollowDirection("UTAD", "109.45", "100.00", "112.35")).toBe(false);
    expect(pricesFollowDirection("LPSY", "99.00", "100.00", "0.00")).toBe(false);
  });
});
