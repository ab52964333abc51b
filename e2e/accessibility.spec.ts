import { axeViolations } from "./axe";
import { DESK_PAGES, VIEWPORTS } from "./desk-pages";
import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

/*
 * axe-core (WCAG 2.1 A/AA and best practices) finds nothing of impact moderate or worse on every page,
 * and in the states a trader meets: a toast open, the queue full, the help overlay, the admin log live.
 * The expired toast is in accessibility-expiry.spec.ts (it needs a server with a short TTL).
 */
const desktop = VIEWPORTS[2];

// One test per visitor: every page in one test took up to 54 s of its 60 s on a busy machine.
for (const user of [null, "trader@example.com", "admin@example.com"] as const) {
  test(`every page, ${user ?? "signed out"}: no axe violations`, async ({ pageAt }) => {
    const page = await pageAt(desktop, user);
    for (const deskPage of DESK_PAGES.filter((candidate) => candidate.user === user)) {
      await page.goto(deskPage.path);
      await deskPage.ready(page);
      expect(await axeViolations(page), deskPage.name).toEqual([]);
    }
  });
}

test("dashboard with toasts open, the queue full and history, on a laptop and a phone: no axe violations", async ({
  pageAt,
  springFor,
  ingestPattern,
  toasts,
}) => {
  const page = await pageAt(desktop, "trader@example.com");
  const ids: string[] = [];
  for (const direction of ["long", "short", "long", "long"] as const) {
    const overrides =
      direction === "long"
        ? { symbol: uniqueSymbol() }
        : {
            symbol: uniqueSymbol(),
            pattern_type: "UTAD" as const,
            entry_price: "250.40",
            stop_loss: "252.10",
            target_price: "246.00",
            pattern_quality: 0.8,
            phase_strength: 0.85,
            volume_ratio: 2.2,
          };
    ids.push(approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], overrides))));
  }
  for (const id of ids) await expect(toasts.of(page, id)).toBeVisible();
  // One taken and one skipped, so the history table and the decided toasts are there too.
  await page.locator(`[data-testid="pending-signal"][data-signal-id="${ids[0]}"]`).getByRole("button", { name: "Take" }).click();
  await page.locator(`[data-testid="pending-signal"][data-signal-id="${ids[1]}"]`).getByRole("button", { name: "Skip" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(2);
  // A chart opened in the queue.
  await page
    .locator(`[data-testid="pending-signal"][data-signal-id="${ids[2]}"]`)
    .getByRole("button", { name: /chart of/ })
    .click();
  await expect(page.getByTestId("signal-details")).toBeVisible();
  await page.mouse.move(0, 0);
  expect(await axeViolations(page), "laptop").toEqual([]);

  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  expect(await axeViolations(page), "phone").toEqual([]);

  // The help overlay.
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcut-help")).toBeVisible();
  expect(await axeViolations(page), "help overlay").toEqual([]);
});

test("admin: the delivery log live and a signal's timeline: no axe violations", async ({ pageAt, springFor, ingestPattern }) => {
  const admin = await pageAt(desktop, "admin@example.com");
  await admin.goto("/admin/deliveries");
  await expect(admin.getByTestId("live-status")).toHaveText("live");
  // The trader is signed in and connected, so the signal below is delivered live.
  await pageAt(desktop, "trader@example.com");
  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  await expect(admin.locator(`[data-testid="delivery-row"][data-signal-id="${signalId}"]`)).toBeVisible();
  expect(await axeViolations(admin), "delivery log live").toEqual([]);

  await admin.goto(`/admin/signals/${signalId}`);
  await expect(admin.getByRole("heading", { name: "Timeline" })).toBeVisible();
  expect(await axeViolations(admin), "signal timeline").toEqual([]);
});
