import { describe, expect, it } from "vitest";
import { outcomeDescription, outcomeLabel } from "@/components/signals/outcome-text";
import { OUTCOME_RESULTS, type Outcome, outcomeTone } from "@/lib/market-outcome";
import { classify } from "@/server/outcomes/stats-counts";

/* Issue 21 §2 in the browser: the outcome badge colours only gains and losses; no trade and a scratch are neutral. */

const outcome = (result: Outcome["result"], r: number, price = "150.25"): Outcome => ({ result, r, price, at: "2026-01-23T10:31:00.000Z" });

describe("outcome badge tone and words", () => {
  it("is neutral for not_filled and no_data (r 0), and says so without an R", () => {
    expect(outcomeTone(outcome("not_filled", 0))).toBe("neutral");
    expect(outcomeTone(outcome("no_data", 0))).toBe("neutral");
    expect(outcomeLabel(outcome("not_filled", 0))).toBe("not filled");
    expect(outcomeLabel(outcome("no_data", 0))).toBe("no data");
    expect(outcomeDescription(outcome("not_filled", 0, "150.00"))).toBe(
      "The entry order at 150.00 never traded within its bars: no trade, no R",
    );
  });

  it("is neutral for a timeout within ±0.10 R (a scratch), both ends included, and coloured just outside", () => {
    expect(outcomeTone(outcome("timeout", 0.1))).toBe("neutral");
    expect(outcomeTone(outcome("timeout", -0.1))).toBe("neutral");
    expect(outcomeTone(outcome("timeout", 0))).toBe("neutral");
    expect(outcomeLabel(outcome("timeout", -0.05))).toBe("scratch −0.05 R");
    expect(outcomeTone(outcome("timeout", 0.11))).toBe("win");
    expect(outcomeTone(outcome("timeout", -0.11))).toBe("loss");
    expect(outcomeLabel(outcome("timeout", 0.5))).toBe("timeout +0.50 R");
  });

  it("colours stops and targets by R: a gapped stop is a loss, a target a win", () => {
    expect(outcomeTone(outcome("stop", -1.47))).toBe("loss");
    expect(outcomeTone(outcome("target", 3.33))).toBe("win");
    expect(outcomeLabel(outcome("stop", -1))).toBe("stop −1.00 R");
  });

  it("agrees with the statistics' classification for every result and R from −2 to +2", () => {
    const column = { wins: "win", losses: "loss", scratches: "neutral", notFilled: "neutral", noData: "neutral" } as const;
    for (const result of OUTCOME_RESULTS) {
      for (let hundredths = -200; hundredths <= 200; hundredths++) {
        const r = result === "not_filled" || result === "no_data" ? 0 : hundredths / 100;
        const counted = classify(result, Math.round(r * 100));
        expect(counted).not.toBe("open");
        if (counted !== "open") expect(outcomeTone(outcome(result, r))).toBe(column[counted]);
      }
    }
  });
});
