import { approvedSignalId, expect, shotPath, test } from "./fixtures";

/*
 * Draws the dashboard as the README shows it. The pictures go to the test's output folder; with
 * UPDATE_DOCS_SCREENSHOTS=1 they replace the pictures in docs/ (laptop and phone).
 */
// A server of its own (an explicit default TTL forces a new worker), so the real tickers below are never duplicates.
test.use({ serverEnv: { SIGNAL_TTL_SECONDS: "300" }, viewport: { width: 1360, height: 860 } });

test("screenshots of the dashboard for the docs", async ({ page, signInAs, springFor, ingestPattern, toasts }) => {
  await signInAs(page, "trader@example.com");
  const trader = ["trader@example.com"];

  const tsla = approvedSignalId(
    await ingestPattern(
      await springFor(trader, {
        symbol: "TSLA",
        pattern_type: "UTAD",
        entry_price: "250.40",
        stop_loss: "252.10",
        target_price: "246.00",
        pattern_quality: 0.7,
        phase_strength: 0.8,
        volume_ratio: 2.2,
      }),
    ),
  );
  const spy = approvedSignalId(
    await ingestPattern(
      await springFor(trader, {
        symbol: "SPY",
        pattern_type: "LPS",
        entry_price: "521.10",
        stop_loss: "519.60",
        target_price: "526.40",
        volume_ratio: 0.8,
      }),
    ),
  );
  const msft = approvedSignalId(
    await ingestPattern(
      await springFor(trader, {
        symbol: "MSFT",
        pattern_type: "SOS",
        entry_price: "421.30",
        stop_loss: "418.90",
        target_price: "428.50",
        pattern_quality: 0.8,
        phase_strength: 0.85,
        volume_ratio: 1.9,
      }),
    ),
  );
  const aapl = approvedSignalId(await ingestPattern(await springFor(trader)));
  for (const id of [tsla, spy, msft, aapl]) await expect(toasts.of(page, id)).toBeVisible();

  // History: one taken, one skipped (decided from the queue; their toasts close after a moment).
  await page.locator(`[data-testid="pending-signal"][data-signal-id="${spy}"]`).getByRole("button", { name: "Take" }).click();
  await page.locator(`[data-testid="pending-signal"][data-signal-id="${msft}"]`).getByRole("button", { name: "Skip" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(2);
  await expect(toasts.all(page)).toHaveCount(2, { timeout: 10_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shotPath("dashboard-toast.png") });

  // The queue is the subject here: the open toasts (which stay until acted on) are hidden for this picture only.
  await page.evaluate(() =>
    document.querySelectorAll<HTMLElement>('[data-testid="signal-toast"]').forEach((toast) => (toast.style.display = "none")),
  );
  await page
    .locator(`[data-testid="pending-signal"][data-signal-id="${tsla}"]`)
    .getByRole("button", { name: /chart of/ })
    .click();
  await expect(page.getByTestId("levels-diagram")).toBeVisible();
  await page.screenshot({ path: shotPath("signal-queue.png"), fullPage: true });
});

test("screenshots of the phone layout for the docs", async ({ browser, server, signInAs, springFor, ingestPattern, toasts }) => {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await signInAs(page, "trader@example.com");
  // The laptop pictures' open signals come back as toasts here: put them away with their × first.
  const stack = toasts.all(page);
  await expect(stack).toHaveCount(2);
  for (let count = await stack.count(); count > 0; count = await stack.count()) {
    await stack.first().getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => stack.count()).toBeLessThan(count);
  }
  const trader = ["trader@example.com"];
  const amzn = approvedSignalId(
    await ingestPattern(
      await springFor(trader, {
        symbol: "AMZN",
        pattern_type: "SOS",
        entry_price: "186.40",
        stop_loss: "184.90",
        target_price: "190.10",
        pattern_quality: 0.8,
        phase_strength: 0.85,
        volume_ratio: 1.9,
      }),
    ),
  );
  const nvda = approvedSignalId(
    await ingestPattern(await springFor(trader, { symbol: "NVDA", entry_price: "118.20", stop_loss: "117.40", target_price: "121.00" })),
  );
  for (const id of [amzn, nvda]) await expect(toasts.of(page, id)).toBeVisible();
  await page.screenshot({ path: shotPath("phone-toast.png") });

  // The queue and history on the phone: one decided, the toasts hidden for this picture only.
  await toasts.of(page, amzn).getByRole("button", { name: "Skip" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(3);
  await page.evaluate(() =>
    document.querySelectorAll<HTMLElement>('[data-testid="signal-toast"]').forEach((toast) => (toast.style.display = "none")),
  );
  await page.screenshot({ path: shotPath("phone-queue.png"), fullPage: true });
  await context.close();
});
