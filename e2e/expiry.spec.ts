import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

// A server of its own whose demo users have 5 s to act.
test.use({ serverEnv: { SIGNAL_TTL_SECONDS: "5" } });

test("a short-lived signal counts down, then shows expired with its buttons disabled, and Take is refused", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  await signInAs(page, "trader@example.com");
  // This server is new: nothing pending yet, and the queue says so.
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));

  const toast = toasts.of(page, signalId);
  const countdown = toast.getByTestId("countdown");
  await expect(countdown).toHaveText(/^0:0[3-5]$/);
  const start = Number(await countdown.getAttribute("data-seconds-left"));
  await expect.poll(async () => Number(await countdown.getAttribute("data-seconds-left"))).toBeLessThan(start);
  await expect(toast.getByRole("button", { name: "Take" })).toBeEnabled();

  await expect(toast.getByTestId("toast-status")).toHaveText("expired", { timeout: 8000 });
  await expect(toast).toHaveAttribute("data-status", "expired");
  await expect(toast.getByRole("button", { name: "Take" })).toBeDisabled();
  await expect(toast.getByRole("button", { name: "Skip" })).toBeDisabled();
  await expect(toast.getByRole("alert")).toContainText("signal expired");

  // In the queue: an expired badge in place of the countdown, then into the history.
  const item = page.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`);
  await expect(item.getByTestId("expired-badge")).toHaveText("expired");
  await expect(item.getByRole("button", { name: "Take" })).toBeDisabled();
  await expect(page.getByTestId("pending-count")).toHaveText("0");
  await expect(page.locator(`[data-testid="history-row"][data-signal-id="${signalId}"]`)).toContainText("expired", { timeout: 15_000 });

  // The server agrees: too late is a 409, for take and skip alike.
  const take = await page.request.post(`/api/signals/${signalId}/decision`, { data: { decision: "take" } });
  expect(take.status()).toBe(409);
  expect(await take.json()).toMatchObject({ error: expect.stringMatching(/expired/), status: "expired" });
  expect((await page.request.post(`/api/signals/${signalId}/decision`, { data: { decision: "skip" } })).status()).toBe(409);
});
