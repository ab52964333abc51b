import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

const FIVE_MINUTES = 5 * 60_000;

for (const skew of [FIVE_MINUTES, -FIVE_MINUTES]) {
  test(`with the browser clock ${skew > 0 ? "5 minutes fast" : "5 minutes slow"}, the countdown still shows the right time left`, async ({
    page,
    signInAs,
    springFor,
    ingestPattern,
    toasts,
  }) => {
    // The page's Date (and timers) run from a clock 5 minutes off the server's; time flows normally from there.
    await page.clock.install({ time: Date.now() + skew });
    await signInAs(page, "trader@example.com");
    const browserOffset = (await page.evaluate(() => Date.now())) - Date.now();
    expect(Math.abs(browserOffset - skew)).toBeLessThan(5000);

    const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
    const signals = (await (await page.request.get("/api/signals")).json()) as Array<{ signal_id: string; expires_at: string }>;
    const expiresAt = Date.parse(signals.find((signal) => signal.signal_id === signalId)?.expires_at ?? "");

    const countdown = toasts.of(page, signalId).getByTestId("countdown");
    await expect(countdown).toHaveText(/^\d+:\d\d$/);
    for (let sample = 0; sample < 3; sample++) {
      const before = Date.now();
      // One read of both, so a tick between them cannot split them.
      const { shown, text } = await countdown.evaluate((element) => ({
        shown: Number(element.dataset.secondsLeft),
        text: element.textContent,
      }));
      const after = Date.now();
      // Seconds left by the test's (true) clock, bracketing the moment the page was read.
      const most = Math.ceil((expiresAt - before) / 1000);
      const least = Math.ceil((expiresAt - after) / 1000);
      expect(shown, `shown ${shown}s, true ${least}–${most}s`).toBeGreaterThanOrEqual(least - 1);
      expect(shown, `shown ${shown}s, true ${least}–${most}s`).toBeLessThanOrEqual(most + 1);
      expect(text).toBe(`${Math.floor(shown / 60)}:${String(shown % 60).padStart(2, "0")}`);
      await expect.poll(async () => Number(await countdown.getAttribute("data-seconds-left"))).toBeLessThan(shown);
    }
    // The queue uses the same server-based clock.
    const queued = page.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`).getByTestId("countdown");
    const queuedLeft = Number(await queued.getAttribute("data-seconds-left"));
    expect(Math.abs(queuedLeft - Math.ceil((expiresAt - Date.now()) / 1000))).toBeLessThanOrEqual(1);
  });
}
