import { formatR } from "@/components/signals/outcome-text";
import type { PerformanceStats } from "@/lib/market-outcome";
import type { SignalView } from "@/lib/signal-view";
import type { Page } from "@playwright/test";
import { axeViolations } from "./axe";
import { approvedSignalId, expect, TEST_INGEST_KEY, test, uniqueSymbol } from "./fixtures";

/*
 * After approval (contract §8) in the browser: a toast the market answers first turns into its withdrawn state,
 * and the Performance page shows the figures of GET /api/stats. With UPDATE_DOCS_SCREENSHOTS=1 the pictures
 * replace docs/invalidated-toast.png and docs/performance.png.
 */
const shotPath = (name: string) => (process.env.UPDATE_DOCS_SCREENSHOTS ? `docs/${name}` : test.info().outputPath(name));
test.use({ viewport: { width: 1360, height: 860 } });

async function approvedAt(page: Page, signalId: string): Promise<number> {
  const signals = (await (await page.request.get("/api/signals")).json()) as SignalView[];
  return Date.parse(signals.find((signal) => signal.signal_id === signalId)?.timestamp ?? "");
}

/**
 * POST /api/bars: one 1-second bar opening `delayMs` after `after` (issue 21 §2: only bars opening at or after
 * approval count; a 1-second bar is closed a moment later, so the server accepts it).
 */
async function postBar(page: Page, symbol: string, after: number, low: number, high: number, delayMs = 500) {
  const middle = (low + high) / 2;
  const response = await page.request.post("/api/bars", {
    headers: { authorization: `Bearer ${TEST_INGEST_KEY}` },
    data: { symbol, timeframe: "1s", bars: [{ t: after + delayMs, o: middle, h: high, l: low, c: middle, v: 1000 }] },
  });
  expect(response.status()).toBe(200);
}

test("a toast turns into its withdrawn state when a bar reaches the stop", async ({ page, signInAs, springFor, ingestPattern, toasts }) => {
  await signInAs(page, "trader@example.com");
  const symbol = uniqueSymbol();
  const id = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol })));
  const toast = toasts.of(page, id);
  await expect(toast).toHaveAttribute("data-status", "open");
  await expect(toast.getByRole("button", { name: /^Take/ })).toBeEnabled();

  await postBar(page, symbol, await approvedAt(page, id), 149.4, 150.3);

  await expect(toast).toHaveAttribute("data-status", "invalidated");
  await expect(toast.getByTestId("toast-invalidated")).toHaveText(/^Price reached the stop 149\.50 at \d\d:\d\d — signal withdrawn$/);
  await expect(toast.getByRole("button", { name: /^Take/ })).toBeDisabled();
  await expect(toast.getByRole("button", { name: /^Skip/ })).toBeDisabled();
  const queued = page.locator(`[data-testid="pending-signal"][data-signal-id="${id}"]`);
  await expect(queued.getByTestId("queue-invalidated")).toHaveText(/^Price reached the stop 149\.50 at \d\d:\d\d — signal withdrawn$/);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shotPath("invalidated-toast.png") });

  // It leaves after a short while; the history keeps it with its outcome badge.
  await expect(toast).toHaveCount(0, { timeout: 20_000 });
  const row = page.locator(`[data-testid="history-row"][data-signal-id="${id}"]`);
  await expect(row).toHaveAttribute("data-status", "invalidated");
  await expect(row.getByTestId("market-outcome")).toHaveText("stop −1.00 R");
});

test("the Performance page shows the numbers the API gives", async ({ page, signInAs, springFor, ingestPattern }) => {
  await signInAs(page, "trader2@example.com");
  // No outcome for this trader yet: the page explains what will appear and when.
  await page.goto("/performance");
  await expect(page.getByTestId("performance-empty")).toContainText("No outcomes yet");
  await page.goto("/");
  await expect(page.getByTestId("connection-status")).toHaveText("connected");
  const trader = ["trader2@example.com"];
  // One taken winner, one skipped loser, one still open: by grade A+ and pattern SPRING and SOS.
  const levels = { entry_price: "100.00", stop_loss: "99.00", target_price: "102.50" };
  const winner = { symbol: uniqueSymbol(), ...levels };
  const loser = { symbol: uniqueSymbol(), ...levels, pattern_type: "SOS" as const, volume_ratio: 2.1 };
  const winnerId = approvedSignalId(await ingestPattern(await springFor(trader, winner)));
  const loserId = approvedSignalId(await ingestPattern(await springFor(trader, loser)));
  approvedSignalId(await ingestPattern(await springFor(trader, { symbol: uniqueSymbol(), ...levels })));
  const decide = (id: string, decision: string) => page.request.post(`/api/signals/${id}/decision`, { data: { decision } });
  expect((await decide(winnerId, "take")).status()).toBe(200);
  expect((await decide(loserId, "skip")).status()).toBe(200);
  await postBar(page, winner.symbol, await approvedAt(page, winnerId), 100.2, 102.6);
  // Two seconds later, so the cumulative-R curve has two points.
  await postBar(page, loser.symbol, await approvedAt(page, loserId), 98.9, 100.4, 2500);
  await expect
    .poll(async () => ((await (await page.request.get("/api/stats")).json()) as PerformanceStats).totals.wins)
    .toBeGreaterThanOrEqual(1);

  await page.getByRole("link", { name: "Performance" }).click();
  await expect(page).toHaveURL(/\/performance$/);
  const all = (await (await page.request.get("/api/stats")).json()) as PerformanceStats;
  const taken = (await (await page.request.get("/api/stats?scope=taken")).json()) as PerformanceStats;
  const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)} %`);
  const expectancy = (r: number | null) => (r === null ? "—" : formatR(r));
  await expect(page.getByTestId("total-signals")).toHaveText(String(all.totals.signals));
  await expect(page.getByTestId("total-win-rate")).toHaveText(percent(all.totals.win_rate));
  await expect(page.getByTestId("total-expectancy")).toHaveText(expectancy(all.totals.expectancy_r));
  await expect(page.getByTestId("taken-win-rate").first()).toHaveText(percent(taken.totals.win_rate));
  // Issue 21 §2: what counts apart, and the sample behind each rate.
  const totals = page.getByTestId("performance-totals");
  await expect(totals.getByTestId("total-win-rate-sample")).toHaveText(`of ${all.totals.win_rate_sample}`);
  await expect(totals.getByTestId("total-expectancy-sample")).toHaveText(`of ${all.totals.expectancy_sample}`);
  await expect(totals.getByTestId("taken-win-rate-sample")).toHaveText(`of ${taken.totals.win_rate_sample}`);
  await expect(totals.getByTestId("total-scratches")).toHaveText(String(all.totals.scratches));
  await expect(totals.getByTestId("total-not-filled")).toHaveText(String(all.totals.not_filled));
  await expect(totals.getByTestId("total-no-data")).toHaveText(String(all.totals.no_data));
  expect(all.totals.win_rate_sample).toBe(2);
  expect(all.by_timeframe.map((entry) => entry.key)).toEqual(["5m"]);
  for (const [testId, entries, takenEntries] of [
    ["stats-by-grade", all.by_grade, taken.by_grade],
    ["stats-by-pattern", all.by_pattern, taken.by_pattern],
    ["stats-by-timeframe", all.by_timeframe, taken.by_timeframe],
  ] as const) {
    await expect(page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Scratches" }) })).toHaveCount(3);
    for (const entry of entries) {
      const mine = takenEntries.find((row) => row.key === entry.key);
      const row = page.getByTestId(testId).locator(`tr[data-key="${entry.key}"]`);
      await expect(row.getByRole("rowheader")).toHaveText(entry.key);
      await expect(row.getByTestId("win-rate")).toHaveText(percent(entry.win_rate));
      await expect(row.getByTestId("win-rate-sample")).toHaveText(`of ${entry.win_rate_sample}`);
      await expect(row.getByTestId("expectancy")).toHaveText(expectancy(entry.expectancy_r));
      await expect(row.getByTestId("expectancy-sample")).toHaveText(`of ${entry.expectancy_sample}`);
      await expect(row.getByTestId("taken-win-rate-sample")).toHaveText(`of ${mine?.win_rate_sample ?? 0}`);
      await expect(row.getByTestId("scratches")).toHaveText(String(entry.scratches));
      await expect(row.getByTestId("not-filled")).toHaveText(String(entry.not_filled));
      await expect(row.getByTestId("no-data")).toHaveText(String(entry.no_data));
    }
  }
  expect(await axeViolations(page)).toEqual([]);
  await expect(page.getByTestId("cumulative-r-chart").locator("canvas").first()).toBeVisible();
  // The page is the subject of the picture: the signals' toasts are hidden for it.
  await page.evaluate(() =>
    document.querySelectorAll<HTMLElement>('[data-testid="signal-toast"]').forEach((toast) => (toast.style.display = "none")),
  );
  await page.screenshot({ path: shotPath("performance.png"), fullPage: true });
});

test("admins see the same figures over every trader", async ({ page, signInAs }) => {
  await signInAs(page, "admin@example.com");
  await page.goto("/admin/performance");
  // The tests above (same worker, same server) recorded outcomes for two traders.
  const all = (await (await page.request.get("/api/admin/stats")).json()) as PerformanceStats;
  expect(all.totals.wins + all.totals.losses).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("total-signals")).toHaveText(String(all.totals.signals));
  await expect(page.getByTestId("total-win-rate")).toHaveText(`${Math.round((all.totals.win_rate ?? 0) * 100)} %`);
  await expect(page.getByTestId("total-expectancy")).toHaveText(formatR(all.totals.expectancy_r ?? 0));
  // Each pattern counts once; the per-trader rows behind them are shown beside (issue 21 §2).
  await expect(page.getByTestId("total-trader-signals")).toHaveText(String(all.totals.trader_signals));
  const fiveMinutes = all.by_timeframe.find((entry) => entry.key === "5m");
  const row = page.getByTestId("stats-by-timeframe").locator('tr[data-key="5m"]');
  await expect(row.getByTestId("win-rate-sample")).toHaveText(`of ${fiveMinutes?.win_rate_sample}`);
  await expect(row.getByTestId("expectancy-sample")).toHaveText(`of ${fiveMinutes?.expectancy_sample}`);
});
