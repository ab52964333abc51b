import { readFile } from "node:fs/promises";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import { aaplSpring } from "@/tests/support/patterns";
import { expect, TEST_INGEST_KEY, test } from "./fixtures";

/** A symbol no earlier run on this server used, so the 15-minute duplicate rule never interferes. */
const freshSymbol = (prefix: string) => `${prefix}${String(Date.now() % 1_000_000).padStart(6, "0")}`;

const CSV_HEADER = "id,created_at,signal_id,user_id,user_email,symbol,channel,attempt,outcome,latency_ms,sockets,error";

test("an admin sees a trader's delivery live, with its latency, and exports it as CSV", async ({ page, browser, server, signInAs }) => {
  // Context 1: the admin on the delivery log.
  await signInAs(page, "admin@example.com");
  await page.goto("/admin/deliveries");
  await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveText("live");
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  // Context 2: the trader, signed in in another browser context.
  const traderContext = await browser.newContext({ baseURL: server.url });
  const traderPage = await traderContext.newPage();
  await signInAs(traderPage, "trader@example.com");
  const trader = (await (await traderPage.request.get("/api/me")).json()) as { id: string; email: string };

  const symbol = freshSymbol("E");
  const ingest = await page.request.post("/api/patterns", {
    headers: { authorization: `Bearer ${TEST_INGEST_KEY}` },
    data: aaplSpring({ symbol, user_ids: [trader.id] }),
  });
  expect(ingest.status()).toBe(201);
  const [approved] = ((await ingest.json()) as { signals: Array<{ signal_id: string; status: string }> }).signals;
  expect(approved?.status).toBe("approved");
  const signalId = approved!.signal_id;

  // The row arrives over the socket: no reload, the marker set above survives.
  const row = page.locator(`[data-testid="delivery-row"][data-signal-id="${signalId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("outcome")).toHaveText("delivered");
  await expect(row.getByTestId("sockets")).toHaveText("1");
  const logged = ((await (await page.request.get(`/api/admin/deliveries?signal=${signalId}`)).json()) as { rows: DeliveryLogRow[] }).rows;
  expect(logged).toHaveLength(1);
  await expect(row.getByTestId("latency")).toHaveText(`${logged[0]!.latency_ms} ms`);
  await expect(row).toContainText("trader@example.com");
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

  // Filter to the trader, then download the CSV of exactly those rows.
  await page.getByLabel("User (email or id)").fill("trader@example.com");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/user=trader%40example\.com/);
  await expect(row).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^deliveries-.*\.csv$/);
  const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
  expect(lines[0]).toBe(CSV_HEADER);
  const records = lines.slice(1).map((line) => line.split(","));
  expect(records.length).toBeGreaterThanOrEqual(1);
  for (const record of records) expect(record[4]).toBe("trader@example.com");
  const exported = records.find((record) => record[2] === signalId);
  expect(exported).toEqual([
    logged[0]!.id,
    logged[0]!.created_at,
    signalId,
    trader.id,
    "trader@example.com",
    symbol,
    "socket",
    "1",
    "delivered",
    String(logged[0]!.latency_ms),
    "1",
    "",
  ]);

  // The signal's timeline shows the same attempt.
  await row.getByRole("link", { name: signalId }).click();
  await expect(page.getByTestId("signal-timeline")).toContainText(
    `Attempt 1: delivered after ${logged[0]!.latency_ms} ms, 1 socket reached`,
  );

  // Leave no pending signal behind: later specs on this worker's server count the trader's toasts.
  expect((await traderPage.request.post(`/api/signals/${signalId}/decision`, { data: { decision: "skip" } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("signal-timeline")).toContainText("Trader skipped it");
  await traderContext.close();
});

test("a trader gets the 403 page on the admin console", async ({ page, signInAs }) => {
  await signInAs(page, "trader2@example.com");
  for (const path of ["/admin/deliveries", "/admin/health", "/admin/patterns", "/admin/users"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "403 – admins only" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  }
});

test("an admin disables a signed-in trader, who is sent to the login page, then enables them again", async ({
  page,
  browser,
  server,
  signInAs,
}) => {
  await signInAs(page, "admin@example.com");
  await page.goto("/admin/users");
  const traderContext = await browser.newContext({ baseURL: server.url });
  const traderPage = await traderContext.newPage();
  await signInAs(traderPage, "trader2@example.com");

  const row = page.locator('[data-testid="user-row"][data-email="trader2@example.com"]');
  await row.getByRole("button", { name: "Disable trader2@example.com" }).click();
  await expect(row.getByTestId("user-access")).toHaveText("disabled");
  await expect(traderPage).toHaveURL(/\/login$/);

  await row.getByRole("button", { name: "Enable trader2@example.com" }).click();
  await expect(row.getByTestId("user-access")).toHaveText("enabled");
  // A fresh sign-in, as the trader would do from the login page they were sent to.
  await traderContext.clearCookies();
  await signInAs(traderPage, "trader2@example.com");

  const testSymbol = freshSymbol("T");
  await row.getByRole("textbox", { name: "Test signal symbol for trader2@example.com" }).fill(testSymbol);
  await row.getByRole("button", { name: "Send test signal to trader2@example.com" }).click();
  await expect(row.getByTestId("user-action-result")).toContainText("Test signal approved");
  // It reaches the trader's desk like any signal.
  await expect(traderPage.getByTestId("pending-queue")).toContainText(testSymbol);

  // Leave no pending signal behind: later specs on this worker's server count the trader's toasts.
  const timelineHref = await row.getByTestId("user-action-result").getByRole("link", { name: "timeline" }).getAttribute("href");
  const testSignalId = timelineHref!.split("/").pop()!;
  expect((await traderPage.request.post(`/api/signals/${testSignalId}/decision`, { data: { decision: "skip" } })).status()).toBe(200);
  await traderContext.close();
});
