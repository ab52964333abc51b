import type { CDPSession } from "@playwright/test";
import { startReceiver, type HttpReceiver } from "@/tests/support/http-receiver";
import { approvedSignalId, expect, shotPath, test } from "./fixtures";

/*
 * Away from the desk in a real Chromium: the service worker shows a push message and a click opens the desk on
 * that signal; the settings' push switch and webhook card. Push messages come through the DevTools protocol
 * (ServiceWorker.deliverPushMessage), as no browser vendor's push service is reachable from here.
 */
test.use({ serverEnv: { WEBHOOK_ALLOW_PRIVATE: "true" }, viewport: { width: 1280, height: 900 } });

/** The registration id DevTools knows the desk's service worker by, once it is active. */
async function activeRegistrationId(cdp: CDPSession): Promise<string> {
  return new Promise((resolve) => {
    cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
      const active = versions.find((version) => version.status === "activated" && version.scriptURL.endsWith("/sw.js"));
      if (active) resolve(active.registrationId);
    });
    void cdp.send("ServiceWorker.enable");
  });
}

test("a push message shows the signal's figures, and a click opens the desk on that signal", async ({
  page,
  context,
  server,
  signInAs,
  springFor,
  ingestPattern,
}) => {
  await context.grantPermissions(["notifications"], { origin: server.url });
  const cdp = await context.newCDPSession(page);
  const registrationId = activeRegistrationId(cdp);
  await signInAs(page, "trader@example.com");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"])));
  const signals = (await (await page.request.get("/api/signals")).json()) as Array<Record<string, unknown>>;
  const signal = signals.find((candidate) => candidate.signal_id === signalId)!;
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: server.url,
    registrationId: await registrationId,
    data: JSON.stringify({ ...signal, type: "signal_approved" }),
  });

  const shown = async () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
    );
  await expect.poll(shown).toHaveLength(1);
  const [notification] = await shown();
  expect(notification!.title).toBe("AAPL ▲ LONG · A+");
  expect(notification!.body).toMatch(/^Entry 150\.25 · stop 149\.50 · target 152\.75 · [0-5]:\d{2} left$/);
  expect(notification!.tag).toBe(signalId);

  // The trader is elsewhere in the desk; the click brings the desk to that signal.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const [worker] = context.serviceWorkers();
  await worker!.evaluate(async () => {
    // No protocol command clicks a notification; the worker dispatches the event its own click would.
    const scope = globalThis as unknown as {
      registration: { getNotifications(): Promise<Notification[]> };
      dispatchEvent(event: Event): boolean;
      NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
    };
    const [clicked] = await scope.registration.getNotifications();
    scope.dispatchEvent(new scope.NotificationEvent("notificationclick", { notification: clicked! }));
  });
  await expect(page).toHaveURL(new RegExp(`/\\?signal=${signalId}$`));
  await expect(page.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`)).toHaveAttribute("data-focused", "true");
  await expect.poll(shown).toHaveLength(0);
});

test("the push switch says honestly when this browser blocks notifications or cannot do push", async ({
  page,
  context,
  server,
  signInAs,
}) => {
  await signInAs(page, "trader@example.com");
  await page.goto("/settings");
  await expect(page.getByTestId("push-settings")).toHaveAttribute("data-state", "off");
  await expect(page.getByRole("switch", { name: "Notify me when the desk is closed" })).not.toBeChecked();

  const cdp = await context.newCDPSession(page);
  // The trader clicked "Block" in the browser's own prompt or site settings.
  const { targetInfo } = await cdp.send("Target.getTargetInfo");
  await cdp.send("Browser.setPermission", {
    permission: { name: "notifications" },
    setting: "denied",
    origin: server.url,
    browserContextId: targetInfo.browserContextId,
  });
  await page.reload();
  await expect(page.getByTestId("push-settings")).toHaveAttribute("data-state", "denied");
  await expect(page.getByTestId("push-state")).toContainText("blocks notifications");
  await expect(page.getByRole("switch", { name: "Notify me when the desk is closed" })).toBeDisabled();

  const plain = await context.browser()!.newContext({ baseURL: server.url });
  const other = await plain.newPage();
  await other.addInitScript(() => {
    delete (window as unknown as { PushManager?: unknown }).PushManager;
  });
  await other.context().addCookies(await context.cookies());
  await other.goto("/settings");
  await expect(other.getByTestId("push-settings")).toHaveAttribute("data-state", "unsupported");
  await expect(other.getByTestId("push-state")).toHaveText("This browser cannot receive push notifications.");
  await plain.close();
});

test.describe("webhook settings", () => {
  let receiver: HttpReceiver;
  test.beforeAll(async () => {
    receiver = await startReceiver();
  });
  test.afterAll(async () => {
    await receiver.close();
  });

  test("saving a URL shows the new secret once; test and rotate work", async ({ page, signInAs }) => {
    await signInAs(page, "trader2@example.com");
    await page.goto("/settings");
    const card = page.getByTestId("webhook-settings");
    await card.getByLabel("Webhook URL").fill(`${receiver.origin}/desk`);
    await card.getByLabel("Send").selectOption("when_unacked");
    await card.getByRole("button", { name: "Save webhook" }).click();
    await expect(card.getByTestId("webhook-status")).toHaveText("Webhook saved.");
    const secret = await card.getByLabel("Signing secret (shown once: copy it now)").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByTestId("away-settings").screenshot({ path: shotPath("away-settings.png") });

    await card.getByRole("button", { name: "Send a test" }).click();
    await expect(card.getByTestId("webhook-status")).toHaveText("Your webhook answered 201.");
    expect(receiver.to("/desk")).toHaveLength(1);
    expect(JSON.parse(receiver.to("/desk")[0]!.body.toString("utf8"))).toMatchObject({ is_test: true });

    await card.getByRole("button", { name: "Rotate secret" }).click();
    await expect(card.getByTestId("webhook-status")).toContainText("New secret made");
    expect(await card.getByLabel("Signing secret (shown once: copy it now)").inputValue()).not.toBe(secret);

    // Shown once: a fresh visit says a secret exists but does not print it.
    await page.reload();
    await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
    await expect(page.getByTestId("webhook-settings").getByLabel("Webhook URL")).toHaveValue(`${receiver.origin}/desk`);
  });

  test("a refused URL shows the server's reason", async ({ page, signInAs }) => {
    await signInAs(page, "admin@example.com");
    await page.goto("/settings");
    const card = page.getByTestId("webhook-settings");
    await card.getByLabel("Webhook URL").fill("ftp://example.com/x");
    await card.getByRole("button", { name: "Save webhook" }).click();
    await expect(card.getByTestId("webhook-status")).toContainText("must be an http(s) URL");
  });
});
