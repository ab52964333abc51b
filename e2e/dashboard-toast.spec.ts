import { approvedSignalId, expect, test } from "./fixtures";

test("an approved signal shows as a toast with every value within 1 s of approval", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  await signInAs(page, "trader@example.com");

  // Record, in the page, the moment each toast enters the DOM (same machine, same clock as the server).
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { toastSeenAt: Record<string, number> }).toastSeenAt = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll<HTMLElement>('[data-testid="signal-toast"]')) {
        const id = element.dataset.signalId;
        if (id && !(id in seen)) seen[id] = Date.now();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });

  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"])));

  const toast = toasts.of(page, signalId);
  await expect(toast).toBeVisible();
  await expect(toast.getByTestId("symbol")).toHaveText("AAPL");
  await expect(toast.getByTestId("pattern")).toHaveText("SPRING");
  await expect(toast.getByTestId("direction")).toContainText("long");
  await expect(toast.getByTestId("grade")).toHaveText("A+ · 92.5");
  await expect(toast.getByTestId("entry-price")).toHaveText("150.25");
  await expect(toast.getByTestId("stop-loss")).toHaveText("149.50");
  await expect(toast.getByTestId("target-price")).toHaveText("152.75");
  await expect(toast.getByTestId("r-multiple")).toHaveText("3.33R");
  await expect(toast.getByTestId("risk")).toHaveText("$75.00 · 1.5%");
  await expect(toast.getByTestId("position")).toHaveText("100 shares · $15,025.00");
  await expect(toast.getByTestId("countdown")).toHaveText(/^[45]:\d\d$/);
  await expect(toast.getByRole("button", { name: "Take" })).toBeEnabled();
  await expect(toast.getByRole("button", { name: "Skip" })).toBeEnabled();
  // Grade and direction colour the toast; a screen reader hears the news.
  await expect(toast).toHaveClass(/grade-aplus/);
  await expect(toast).toHaveClass(/\blong\b/);
  await expect(toast.getByRole("alert")).toContainText("New long signal: AAPL SPRING, grade A+");

  const signals = (await (await page.request.get("/api/signals")).json()) as Array<{ signal_id: string; timestamp: string }>;
  const approvedAt = Date.parse(signals.find((signal) => signal.signal_id === signalId)?.timestamp ?? "");
  const shownAt = await page.evaluate((id) => (window as unknown as { toastSeenAt: Record<string, number> }).toastSeenAt[id], signalId);
  expect(shownAt).toBeDefined();
  const latency = (shownAt ?? Number.NaN) - approvedAt;
  expect(latency).toBeGreaterThanOrEqual(0);
  expect(latency).toBeLessThan(1000);

  // The queue lists it too, newest first, with the same numbers.
  const item = page.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId("position")).toHaveText("100 shares · $15,025.00");

  // Keyboard: Tab reaches the toast's Take button and Enter takes the signal.
  const take = toast.getByRole("button", { name: "Take" });
  await take.focus();
  await page.keyboard.press("Enter");
  await expect(toast.getByTestId("toast-status")).toHaveText("taken");
  await expect(take).toBeDisabled();
  await expect(item).toHaveCount(0);
  await expect(page.locator(`[data-testid="history-row"][data-signal-id="${signalId}"]`)).toContainText("taken");
});

test("down for a few seconds: a warning; back online: the queue reloads and replay fills the gap, each signal once", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  await signInAs(page, "trader@example.com");
  const before = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: "MSFT" })));
  await expect(toasts.of(page, before)).toBeVisible();

  await page.context().setOffline(true);
  await expect(page.getByTestId("connection-status")).not.toHaveText("connected", { timeout: 20_000 });
  await expect(page.getByTestId("connection-warning")).toHaveText("Connection lost: you may be missing signals.", { timeout: 10_000 });
  const during = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: "NVDA" })));

  await page.context().setOffline(false);
  await expect(page.getByTestId("connection-status")).toHaveText("connected", { timeout: 20_000 });
  await expect(page.getByTestId("connection-warning")).toHaveCount(0);
  await expect(toasts.of(page, during)).toBeVisible();
  await expect(page.locator(`[data-testid="pending-signal"][data-signal-id="${during}"]`)).toHaveCount(1);
  // Both paths (replay and the reloaded list) found it; neither it nor the earlier one is shown twice.
  for (const id of [before, during]) {
    await expect(toasts.of(page, id)).toHaveCount(1);
    await expect(page.locator(`[data-testid="pending-signal"][data-signal-id="${id}"]`)).toHaveCount(1);
  }
});
