import { approvedSignalId, expect, test, uniqueSymbol } from "./fixtures";

test("Take in one tab: the signal leaves the pending queue of the user's other tab within 1 s", async ({
  context,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  const first = await context.newPage();
  await signInAs(first, "trader@example.com");
  const second = await context.newPage();
  await second.goto("/");
  for (const tab of [first, second]) await expect(tab.getByTestId("connection-status")).toHaveText("connected");

  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  const item = (tab: typeof first) => tab.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`);
  for (const tab of [first, second]) {
    await expect(item(tab)).toBeVisible();
    await expect(toasts.of(tab, signalId)).toBeVisible();
  }

  // Both moments are taken inside the pages (one machine, one clock): the click in the first tab, the removal in the second.
  await first.evaluate(() => {
    document.addEventListener("click", () => ((window as unknown as { clickedAt: number }).clickedAt = Date.now()), {
      capture: true,
      once: true,
    });
  });
  await second.evaluate((id) => {
    const selector = `[data-testid="pending-signal"][data-signal-id="${id}"]`;
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) return;
      (window as unknown as { removedAt: number }).removedAt = Date.now();
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  }, signalId);
  await item(first).getByRole("button", { name: "Take" }).click();
  await expect(item(second)).toHaveCount(0);
  const clickedAt = await first.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
  const removedAt = await second.evaluate(() => (window as unknown as { removedAt: number }).removedAt);
  expect(removedAt - clickedAt).toBeGreaterThan(0);
  expect(removedAt - clickedAt).toBeLessThan(1000);

  // The second tab's toast and history say what happened; its buttons no longer act.
  const otherToast = toasts.of(second, signalId);
  await expect(otherToast.getByTestId("toast-status")).toHaveText("taken");
  await expect(otherToast.getByRole("button", { name: "Skip" })).toBeDisabled();
  await expect(second.locator(`[data-testid="history-row"][data-signal-id="${signalId}"]`)).toContainText("taken");
});

test("exactly one tab of the desk is the alert leader, and another takes over when it closes", async ({ context, signInAs }) => {
  const first = await context.newPage();
  await signInAs(first, "trader@example.com");
  const second = await context.newPage();
  await second.goto("/");
  const third = await context.newPage();
  await third.goto("/");
  const tabs = [first, second, third];
  const leaders = async (pages: typeof tabs) =>
    (await Promise.all(pages.map((tab) => tab.locator(".connection").getAttribute("data-alert-leader")))).filter(
      (value) => value === "true",
    ).length;

  await expect.poll(() => leaders(tabs)).toBe(1);

  const leaderIndex = (await Promise.all(tabs.map((tab) => tab.locator(".connection").getAttribute("data-alert-leader")))).indexOf("true");
  await tabs[leaderIndex]?.close();
  const rest = tabs.filter((_, index) => index !== leaderIndex);
  await expect.poll(() => leaders(rest)).toBe(1);
});

test("with every tab in the background, one signal makes one sound and one desktop notification", async ({
  context,
  signInAs,
  springFor,
  ingestPattern,
  toasts,
}) => {
  // Both tabs pretend to be hidden, and record what they would play and show.
  await context.addInitScript(() => {
    const record = { notifications: [] as string[], tones: 0 };
    (window as unknown as { alerts: typeof record }).alerts = record;
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    class FakeNotification {
      static permission = "granted";
      static requestPermission = () => Promise.resolve("granted");
      onclick: (() => void) | null = null;
      onclose: (() => void) | null = null;
      constructor(title: string) {
        record.notifications.push(title);
      }
      close() {}
    }
    const node = () => ({
      connect: (next: unknown) => next,
      gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
      frequency: { value: 0 },
      type: "",
      start() {},
      stop() {},
    });
    class FakeAudioContext {
      state = "running";
      currentTime = 0;
      destination = {};
      resume = () => Promise.resolve();
      createOscillator() {
        record.tones += 1;
        return node();
      }
      createGain = node;
    }
    Object.assign(window, { Notification: FakeNotification, AudioContext: FakeAudioContext });
  });
  const first = await context.newPage();
  await signInAs(first, "trader@example.com");
  const original = (await (await first.request.get("/api/me/preferences")).json()) as Record<string, unknown>;
  expect(
    (await first.request.put("/api/me/preferences", { data: { ...original, sound: true, desktop_notifications: true } })).status(),
  ).toBe(200);
  try {
    // Each tab loads the queue on open; pending signals of earlier tests may alert then. Start counting after.
    const listed = (tab: typeof first) => tab.waitForResponse((response) => new URL(response.url()).pathname === "/api/signals");
    const firstListed = listed(first);
    await first.reload();
    await firstListed;
    const second = await context.newPage();
    const secondListed = listed(second);
    await second.goto("/");
    await secondListed;
    const tabs = [first, second];
    for (const tab of tabs) await expect(tab.getByTestId("connection-status")).toHaveText("connected");
    await expect
      .poll(async () => (await Promise.all(tabs.map((tab) => tab.locator(".connection").getAttribute("data-alert-leader")))).sort())
      .toEqual(["false", "true"]);
    for (const tab of tabs) {
      await tab.evaluate(() => {
        const record = (window as unknown as { alerts: { notifications: string[]; tones: number } }).alerts;
        record.notifications = [];
        record.tones = 0;
      });
    }

    const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
    for (const tab of tabs) await expect(toasts.of(tab, signalId)).toHaveCount(1);
    const alerts = () =>
      Promise.all(
        tabs.map((tab) => tab.evaluate(() => (window as unknown as { alerts: { notifications: string[]; tones: number } }).alerts)),
      );
    await expect.poll(async () => (await alerts()).flatMap((record) => record.notifications)).toHaveLength(1);
    const records = await alerts();
    expect(records.flatMap((record) => record.notifications)[0]).toMatch(/^Z\w+ SPRING · LONG$/);
    // One beep is two tones, from the same single tab.
    expect(records.map((record) => record.tones).sort()).toEqual([0, 2]);
  } finally {
    await first.request.put("/api/me/preferences", { data: original });
  }
});
