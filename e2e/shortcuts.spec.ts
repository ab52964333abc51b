import type { Page } from "@playwright/test";
import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

/*
 * The keyboard shortcuts act on open signals: T take, S skip (the focused or J/K-selected signal, else the
 * newest), J/K move, Esc dismisses a toast, ? shows the list; nothing fires while typing in a field, and a
 * toast that arrives never takes the focus.
 */
async function statusOnServer(page: Page, signalId: string): Promise<string | undefined> {
  const signals = (await (await page.request.get("/api/signals")).json()) as Array<{ signal_id: string; status: string }>;
  return signals.find((signal) => signal.signal_id === signalId)?.status;
}

const itemOf = (page: Page, id: string) => page.locator(`[data-testid="pending-signal"][data-signal-id="${id}"]`);

test("T takes the newest open signal and S skips the next, confirmed in words; no focus theft", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  await signInAs(page, "trader@example.com");
  // The trader is somewhere on the page when the signals arrive: focus stays there.
  const help = page.getByRole("button", { name: "Keyboard shortcuts" });
  await help.focus();
  const olderSymbol = uniqueSymbol();
  const newerSymbol = uniqueSymbol();
  const older = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: olderSymbol })));
  const newer = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: newerSymbol })));
  await expect(toasts.of(page, older)).toBeVisible();
  await expect(toasts.of(page, newer)).toBeVisible();
  await expect(help).toBeFocused();

  await page.locator("main").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("t");
  await expect(toasts.of(page, newer).getByTestId("toast-status")).toHaveText("taken");
  await expect(toasts.of(page, older)).toHaveAttribute("data-status", "open");
  await expect(page.getByTestId("decision-notice")).toContainText(`${newerSymbol} SPRING signal taken.`);
  expect(await statusOnServer(page, newer)).toBe("taken");

  await page.keyboard.press("s");
  await expect(toasts.of(page, older).getByTestId("toast-status")).toHaveText("skipped");
  await expect(page.getByTestId("decision-notice")).toContainText(`${olderSymbol} SPRING signal skipped.`);
  expect(await statusOnServer(page, older)).toBe("skipped");
});

test("J/K select a signal in the queue, T/S act on it; Esc dismisses a toast", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  await signInAs(page, "trader@example.com");
  // Toasts left by earlier tests on this worker's server would be "newest" for Esc.
  await toasts.putAway(page);
  const ids: string[] = [];
  for (let index = 0; index < 3; index += 1)
    ids.push(approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() }))));
  const [oldest, middle, newest] = ids as [string, string, string];
  for (const id of ids) await expect(itemOf(page, id)).toBeVisible();

  await page.locator("main").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("j");
  await expect(itemOf(page, newest)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(itemOf(page, oldest)).toBeFocused();
  await page.keyboard.press("k");
  await expect(itemOf(page, middle)).toBeFocused();
  await expect(itemOf(page, middle)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("s");
  await expect(toasts.of(page, middle).getByTestId("toast-status")).toHaveText("skipped");
  expect(await statusOnServer(page, middle)).toBe("skipped");
  expect(await statusOnServer(page, newest)).toBe("approved");
  expect(await statusOnServer(page, oldest)).toBe("approved");

  // Esc: the newest toast goes; its signal stays in the queue.
  await page.locator("main").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("Escape");
  await expect(toasts.of(page, newest)).toHaveCount(0);
  await expect(itemOf(page, newest)).toBeVisible();
});

test("nothing fires while typing in a field; ? shows the shortcuts and Esc closes them", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  await signInAs(page, "trader@example.com");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveText("connected");
  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  await expect(toasts.of(page, signalId)).toBeVisible();
  // Every decision the page sends is counted: "nothing fires" is then a count of 0, not a status read that
  // could come back before a wrongly sent decision lands.
  let decisionsSent = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && /\/api\/signals\/[^/]+\/decision$/.test(new URL(request.url()).pathname)) decisionsSent++;
  });

  const watchlist = page.getByLabel("Watchlist");
  await watchlist.fill("");
  await watchlist.pressSequentially("tsjk?");
  await expect(watchlist).toHaveValue("tsjk?");
  await expect(page.getByTestId("shortcut-help")).toBeHidden();
  await watchlist.press("Escape");
  // A dismissed toast leaves the stack at the next render; a moment later this one must still be there.
  await page.waitForTimeout(300);
  await expect(toasts.of(page, signalId)).toHaveCount(1);
  await expect(toasts.of(page, signalId)).toHaveAttribute("data-status", "open");

  // Outside the field, ? opens the list; Esc closes it and focus comes back.
  await page.getByRole("button", { name: "Save preferences" }).focus();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Take the signal");
  // While the list is open, T does not act.
  await page.keyboard.press("t");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(page.getByRole("button", { name: "Save preferences" })).toBeFocused();
  // Neither the typing nor T under the open list sent a decision, and the server agrees.
  expect(decisionsSent).toBe(0);
  expect(await statusOnServer(page, signalId)).toBe("approved");
});

test("opened from a push notification (?signal=), T acts on that signal, not the newest", async ({
  page,
  signInAs,
  springFor,
  ingestPattern,
}) => {
  await signInAs(page, "trader@example.com");
  const named = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  const newest = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  await page.goto(`/?signal=${named}`);
  await expect(page.getByTestId("connection-status")).toHaveText("connected");
  await expect(itemOf(page, named)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("t");
  await expect.poll(() => statusOnServer(page, named)).toBe("taken");
  expect(await statusOnServer(page, newest)).toBe("approved");
});
