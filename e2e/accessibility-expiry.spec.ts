import { axeViolations } from "./axe";
import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

// A server of its own whose demo users have 5 s to act.
test.use({ serverEnv: { SIGNAL_TTL_SECONDS: "5" } });

test("an expired toast and an expired queue item: no axe violations", async ({ page, signInAs, springFor, ingestPattern, toasts }) => {
  await signInAs(page, "trader@example.com");
  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  const toast = toasts.of(page, signalId);
  await expect(toast.getByTestId("toast-status")).toHaveText("expired", { timeout: 8000 });
  await expect(page.getByTestId("expired-badge")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
