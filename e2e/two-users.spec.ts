import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

test("two users in two browsers: each sees only their own signal", async ({ browser, signInAs, springFor, ingestPattern, toasts }) => {
  const traderContext = await browser.newContext();
  const otherContext = await browser.newContext();
  try {
    const trader = await traderContext.newPage();
    const other = await otherContext.newPage();
    await signInAs(trader, "trader@example.com");
    await signInAs(other, "trader2@example.com");

    // The same symbol for both users, pinned to one user each.
    const symbol = uniqueSymbol();
    const forTrader = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol })));
    const forOther = approvedSignalId(await ingestPattern(await springFor(["trader2@example.com"], { symbol, pattern_type: "TEST" })));

    await expect(toasts.of(trader, forTrader)).toBeVisible();
    await expect(toasts.of(other, forOther)).toBeVisible();
    // trader2 (25000.00 at 1 %) gets its own sizing: 333 shares, not the trader's 100.
    await expect(toasts.of(other, forOther).getByTestId("position")).toHaveText("333 shares · $50,033.25");

    // Reload both pages: neither the live channel nor the reloaded list ever brings the other user's signal.
    await Promise.all([trader.reload(), other.reload()]);
    for (const page of [trader, other]) await expect(page.getByTestId("connection-status")).toHaveText("connected");
    await expect(trader.locator(`[data-testid="pending-signal"][data-signal-id="${forTrader}"]`)).toBeVisible();
    await expect(other.locator(`[data-testid="pending-signal"][data-signal-id="${forOther}"]`)).toBeVisible();
    await expect(trader.locator(`[data-signal-id="${forOther}"]`)).toHaveCount(0);
    await expect(other.locator(`[data-signal-id="${forTrader}"]`)).toHaveCount(0);
    await expect(trader.getByTestId("pending-signal").filter({ hasText: "TEST" })).toHaveCount(0);

    // Nor can either ask the server for the other's signal.
    expect((await trader.request.get(`/api/signals/${forOther}/bars`)).status()).toBe(404);
    expect((await other.request.get(`/api/signals/${forTrader}/bars`)).status()).toBe(404);
    expect((await other.request.post(`/api/signals/${forTrader}/decision`, { data: { decision: "take" } })).status()).toBe(404);
    const listed = (await (await other.request.get("/api/signals")).json()) as Array<{ signal_id: string }>;
    expect(listed.map((signal) => signal.signal_id)).not.toContain(forTrader);
    expect((await trader.request.get(`/api/signals/${forTrader}/bars`)).status()).toBe(200);
  } finally {
    await traderContext.close();
    await otherContext.close();
  }
});
