import type { SignalBars } from "@/lib/signal-bars";
import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

test("a signal's details draw its entry, stop and target, and say so when there is no bar history", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
}) => {
  await signInAs(page, "trader@example.com");
  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));

  const bars = await page.request.get(`/api/signals/${signalId}/bars`);
  expect(bars.status()).toBe(200);
  const body = (await bars.json()) as SignalBars;
  expect(body.levels).toEqual({ entry_price: "150.25", stop_loss: "149.50", target_price: "152.75" });
  // Nothing is made up: the server has no bars for a pattern posted without any (bars-to-toast charts real ones).
  expect(body.bars).toEqual([]);
  expect((await page.request.get("/api/signals/00000000-0000-4000-8000-000000000000/bars")).status()).toBe(404);
  expect((await page.request.get("/api/signals/not-a-uuid/bars")).status()).toBe(404);

  const item = page.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`);
  const toggle = item.getByRole("button", { name: /chart of/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = item.getByTestId("signal-details");
  await expect(details.getByTestId("no-bar-history")).toContainText("No bar history for this signal");
  await expect(details.getByTestId("level-target")).toContainText("152.75");
  await expect(details.getByTestId("level-entry")).toContainText("150.25");
  await expect(details.getByTestId("level-stop")).toContainText("149.50");
  await expect(details.getByTestId("price-chart")).toHaveCount(0);
  await toggle.click();
  await expect(details).toHaveCount(0);
});
