import type { Bar } from "@/server/detection/bar";
import { buildAccumulationWithSpring } from "@/server/detection/synthetic/accumulation-scenario";
import { expect, TEST_INGEST_KEY, test, uniqueSymbol } from "./fixtures";

const TIMEFRAME = "5m";
const BAR_MS = 5 * 60_000;

/** The detector's own textbook accumulation, cut just after the spring is confirmed and moved so its last bar closes now. */
function springBarsClosingNow(): Bar[] {
  const { bars, marks } = buildAccumulationWithSpring({ timeframe: TIMEFRAME });
  const upToReclaim = bars.slice(0, (marks.reclaim ?? marks.springBar) + 1);
  const last = upToReclaim[upToReclaim.length - 1];
  if (!last) throw new Error("empty series");
  const shift = Date.now() - (last.time + BAR_MS);
  return upToReclaim.map((bar) => ({ ...bar, time: bar.time + shift }));
}

test("bars with a spring go through the detector and end as a SPRING toast", async ({ page, signInAs, userId, toasts }) => {
  await signInAs(page, "trader@example.com");

  // A symbol of its own (on the trader's watchlist) so no earlier test's signal counts as a duplicate.
  const symbol = uniqueSymbol();
  const preferences = (await (await page.request.get("/api/me/preferences")).json()) as Record<string, unknown> & { watchlist: string[] };
  const saved = await page.request.put("/api/me/preferences", { data: { ...preferences, watchlist: [...preferences.watchlist, symbol] } });
  expect(saved.status()).toBe(200);
  try {
    const bars = springBarsClosingNow();
    const response = await page.request.post("/api/bars", {
      headers: { authorization: `Bearer ${TEST_INGEST_KEY}` },
      data: {
        symbol,
        timeframe: TIMEFRAME,
        bars: bars.map((bar) => ({ t: bar.time, o: bar.open, h: bar.high, l: bar.low, c: bar.close, v: bar.volume })),
      },
    });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as {
      patterns: Array<{
        pattern_type: string;
        entry_price: string;
        stop_loss: string;
        target_price: string;
        signals: Array<{ signal_id: string; user_id: string; status: string }>;
      }>;
    };
    const spring = body.patterns.find((pattern) => pattern.pattern_type === "SPRING");
    expect(spring, JSON.stringify(body)).toBeDefined();
    const traderId = await userId("trader@example.com");
    const signal = spring?.signals.find((candidate) => candidate.user_id === traderId);
    expect(signal?.status, JSON.stringify(spring?.signals)).toBe("approved");

    const toast = toasts.of(page, signal?.signal_id);
    await expect(toast).toBeVisible();
    await expect(toast.getByTestId("symbol")).toHaveText(symbol);
    await expect(toast.getByTestId("pattern")).toHaveText("SPRING");
    await expect(toast.getByTestId("direction")).toContainText("long");
    // The levels are the detector's, as the bars answer reported them (shown with two places).
    await expect(toast.getByTestId("entry-price")).toHaveText(Number(spring?.entry_price).toFixed(2));
    await expect(toast.getByTestId("stop-loss")).toHaveText(Number(spring?.stop_loss).toFixed(2));
    await expect(toast.getByTestId("target-price")).toHaveText(Number(spring?.target_price).toFixed(2));
    await expect(toast.getByTestId("countdown")).toBeVisible();

    // The signal's details chart the very bars that produced it, with its levels.
    const item = page.locator(`[data-testid="pending-signal"][data-signal-id="${signal?.signal_id}"]`);
    await item.getByRole("button", { name: /chart of/ }).click();
    const chart = item.getByTestId("price-chart");
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAttribute(
      "aria-label",
      new RegExp(`^${symbol}: ${bars.length} bars with target ${Number(spring?.target_price).toFixed(2)}`),
    );
    await expect(chart.locator("canvas").first()).toBeVisible();
  } finally {
    await page.request.put("/api/me/preferences", { data: preferences });
  }
});
