import type { Locator, Page } from "@playwright/test";
import { DESK_PAGES, horizontalOverflow, VIEWPORTS } from "./desk-pages";
import { approvedSignalId, expect, test, type Toasts, uniqueSymbol } from "./fixtures";

/*
 * Phone, tablet and laptop: no page scrolls sideways (documentElement.scrollWidth ≤ the window), and on a
 * phone a toast shows every figure of contract §3 with both buttons at least 44 × 44 px, below the header.
 */
const SMALL_PHONE = { name: "small phone", width: 360, height: 740 } as const;
const SCREENS = [SMALL_PHONE, ...VIEWPORTS];

// One test per screen and visitor: all three in one test came close to the 60 s test timeout on a busy machine.
const VISITORS = [null, "trader@example.com", "admin@example.com"] as const;

for (const screen of SCREENS) {
  for (const user of VISITORS) {
    test(`${screen.name} (${screen.width} px), ${user ?? "signed out"}: no page scrolls sideways`, async ({
      pageAt,
      springFor,
      ingestPattern,
      toasts,
    }) => {
      const page = await pageAt(screen, user);
      for (const deskPage of DESK_PAGES.filter((candidate) => candidate.user === user)) {
        await page.goto(deskPage.path);
        await deskPage.ready(page);
        const overflow = await horizontalOverflow(page);
        expect(overflow.pixels, `${deskPage.name}: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(0);
      }
      if (user === "trader@example.com") {
        // The dashboard in use: toasts, the queue, the history table and an open chart.
        await page.goto("/");
        await expect(page.getByTestId("connection-status")).toHaveText("connected");
        const ids: string[] = [];
        for (let index = 0; index < 3; index += 1)
          ids.push(approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() }))));
        await expect(toasts.of(page, ids[2])).toBeVisible();
        await toasts.of(page, ids[2]).getByRole("button", { name: "Skip" }).click();
        const skipped = page.locator(`[data-testid="history-row"][data-signal-id="${ids[2]}"]`);
        await expect(skipped).toBeVisible();
        // The toasts stay until acted on and may cover the page: Esc puts them away, their signals stay queued.
        await page.locator("main").click({ position: { x: 2, y: 2 } });
        // (Signals of earlier tests on this worker's server may have toasts too.)
        await toasts.putAway(page);
        await skipped.getByRole("button", { name: /chart of/ }).click();
        await expect(page.getByTestId("signal-details")).toBeVisible();
        const pending = page.locator(`[data-testid="pending-signal"][data-signal-id="${ids[1]}"]`);
        await pending.getByRole("button", { name: /chart of/ }).click();
        await expect(page.getByTestId("signal-details")).toHaveCount(2);
        const overflow = await horizontalOverflow(page);
        expect(overflow.pixels, `dashboard in use: ${overflow.culprits.join(", ")}`).toBeLessThanOrEqual(0);
      }
    });
  }
}

const FIGURES = [
  "symbol",
  "pattern",
  "direction",
  "grade",
  "entry-price",
  "stop-loss",
  "target-price",
  "r-multiple",
  "risk",
  "position",
  "countdown",
];

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  expect(found).not.toBeNull();
  return found!;
}

/** The trader's desk, connected, with the toasts earlier tests on this worker's server left put away. */
async function traderDeskWithoutToasts(page: Page, toasts: Toasts): Promise<Page> {
  await expect(page.getByTestId("connection-status")).toHaveText("connected");
  await toasts.putAway(page);
  return page;
}

async function expectToastFits(page: Page, toast: Locator, width: number) {
  const toastBox = await box(toast);
  expect(toastBox.x).toBeGreaterThanOrEqual(0);
  expect(toastBox.x + toastBox.width).toBeLessThanOrEqual(width);
  for (const figure of FIGURES) await expect(toast.getByTestId(figure), figure).toBeInViewport({ ratio: 1 });
  for (const name of ["Take", "Skip"]) {
    const button = toast.getByRole("button", { name });
    await expect(button).toBeInViewport({ ratio: 1 });
    const buttonBox = await box(button);
    expect(buttonBox.width, `${name} width`).toBeGreaterThanOrEqual(44);
    expect(buttonBox.height, `${name} height`).toBeGreaterThanOrEqual(44);
  }
  const header = await box(page.locator(".app-header"));
  expect(toastBox.y, "the toast starts below the header").toBeGreaterThanOrEqual(header.y + header.height);
}

for (const screen of [SMALL_PHONE, VIEWPORTS[0]]) {
  test(`${screen.name} (${screen.width} px): toasts fit, below the header, and their buttons work`, async ({
    pageAt,
    springFor,
    ingestPattern,
    toasts,
  }) => {
    const page = await traderDeskWithoutToasts(await pageAt(screen, "trader@example.com"), toasts);
    const first = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
    const firstToast = toasts.of(page, first);
    await expect(firstToast).toBeVisible();
    await expectToastFits(page, firstToast, screen.width);

    await firstToast.getByRole("button", { name: "Skip" }).click();
    await expect(firstToast.getByTestId("toast-status")).toHaveText("skipped");

    // Three more: they stack with the newest on top and whole; none of them covers the header.
    const later: string[] = [];
    for (let index = 0; index < 3; index += 1)
      later.push(approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() }))));
    const newest = toasts.of(page, later[2]);
    await expect(newest).toBeVisible();
    for (const id of later) await expect(toasts.of(page, id)).toHaveAttribute("data-status", "open");
    await expectToastFits(page, newest, screen.width);
    const header = await box(page.locator(".app-header"));
    // This test's own toasts: a snapshot of every toast on the page also holds ones that leave meanwhile (the
    // skipped one after 3 s, or an earlier test's), and measuring a toast that is gone waits until the timeout.
    for (const id of later) {
      const toast = toasts.of(page, id);
      expect((await box(toast)).y, "no toast covers the header").toBeGreaterThanOrEqual(header.y + header.height);
    }
    await newest.getByRole("button", { name: "Take" }).click();
    await expect(newest.getByTestId("toast-status")).toHaveText("taken");

    // The × puts an open toast away on a phone (no Esc key there); its signal stays in the queue.
    const second = toasts.of(page, later[1]);
    await second.getByRole("button", { name: "Dismiss" }).click();
    await expect(second).toHaveCount(0);
    await expect(page.locator(`[data-testid="pending-signal"][data-signal-id="${later[1]}"]`)).toHaveAttribute("data-status", "open");
  });
}

test("small phone: a full stack shows the newest four, scrolls to reach each, and the fifth steps back to the queue", async ({
  pageAt,
  springFor,
  ingestPattern,
  toasts,
}) => {
  const page = await traderDeskWithoutToasts(await pageAt(SMALL_PHONE, "trader@example.com"), toasts);
  const ids: string[] = [];
  for (let index = 0; index < 5; index += 1) {
    ids.push(approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() }))));
    await expect(toasts.of(page, ids[index])).toBeVisible();
  }
  // Newest on top, four of them; the oldest's toast is gone but its signal is still open in the queue.
  const stack = toasts.all(page);
  await expect(stack).toHaveCount(4);
  expect(await stack.evaluateAll((toasts) => toasts.map((toast) => (toast as HTMLElement).dataset.signalId))).toEqual(
    [...ids].reverse().slice(0, 4),
  );
  await expect(page.locator(`[data-testid="pending-signal"][data-signal-id="${ids[0]}"]`)).toHaveAttribute("data-status", "open");
  // Four toasts are taller than this screen: the lowest one's button is reached by scrolling the stack.
  const lowest = toasts.of(page, ids[1]);
  const lowestBox = await box(lowest);
  expect(lowestBox.y + lowestBox.height, "the lowest toast ends below the screen").toBeGreaterThan(SMALL_PHONE.height);
  await lowest.getByRole("button", { name: "Take" }).click();
  await expect(lowest.getByTestId("toast-status")).toHaveText("taken");
  await expect(page.locator(`[data-testid="history-row"][data-signal-id="${ids[1]}"]`)).toBeVisible();
  expect(await page.locator(".toast-stack").evaluate((element) => element.scrollTop), "the stack scrolled").toBeGreaterThan(0);
});
