import { expect, test } from "./fixtures";

test("settings: the form checks each field with the API's schema, saves, and keeps them", async ({ page, signInAs }) => {
  await signInAs(page, "trader@example.com");
  const original = (await (await page.request.get("/api/me/preferences")).json()) as Record<string, unknown>;
  try {
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
    // The form starts from what the API holds (the seed: 5000.00 at 1.5 %, AAPL … SPY).
    await expect(page.getByLabel("Account equity ($)")).toHaveValue(String(original.equity));
    await expect(page.getByLabel("Risk per trade (%)")).toHaveValue(String(original.risk_percentage));
    await expect(page.getByLabel("Watchlist")).toHaveValue((original.watchlist as string[]).join(", "));

    await page.getByLabel("Account equity ($)").fill("lots");
    await page.getByLabel("Risk per trade (%)").fill("9");
    await page.getByLabel("Time to act (seconds)").fill("10");
    await expect(page.getByLabel("Maximum leverage (×)")).toHaveValue(String(original.max_leverage));
    await page.getByLabel("Maximum leverage (×)").fill("12");
    await page.getByLabel("Watchlist").fill("aapl, MSFT, $$$");
    const saves: unknown[] = [];
    page.on("request", (request) => {
      if (["PUT", "PATCH"].includes(request.method()) && request.url().endsWith("/api/me/preferences"))
        saves.push({ method: request.method(), body: request.postDataJSON() as unknown });
    });
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByTestId("error-equity")).toHaveText("must be an amount such as 5000.00");
    await expect(page.getByTestId("error-risk_percentage")).toHaveText("must be at most 5 %");
    await expect(page.getByTestId("error-ttl_seconds")).toHaveText("must be at least 30");
    await expect(page.getByTestId("error-max_leverage")).toHaveText("must be at most 10");
    await expect(page.getByTestId("error-watchlist")).toContainText('"$$$"');
    await expect(page.getByTestId("error-min_confidence")).toHaveCount(0);
    await expect(page.getByLabel("Account equity ($)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Account equity ($)")).toBeFocused();
    await expect(page.getByTestId("save-status")).toContainText("nothing was saved");
    expect(saves).toEqual([]);
    await page.screenshot({ path: test.info().outputPath("settings-errors.png"), fullPage: true });

    // Fixing a field clears its message as you type.
    await page.getByLabel("Account equity ($)").fill("7500.50");
    await expect(page.getByTestId("error-equity")).toHaveCount(0);
    await page.getByLabel("Risk per trade (%)").fill("2");
    await page.getByLabel("Time to act (seconds)").fill("120");
    await page.getByLabel("Maximum leverage (×)").fill("2");
    await page.getByLabel("Watchlist").fill("aapl, MSFT");
    await page.getByLabel("Show a desktop notification").check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    await expect(page.getByLabel("Watchlist")).toHaveValue("AAPL, MSFT");
    // One PATCH with only the fields the trader changed: a setting saved meanwhile elsewhere stays as it is.
    expect(saves).toEqual([
      {
        method: "PATCH",
        body: {
          equity: "7500.50",
          risk_percentage: 2,
          max_leverage: 2,
          ttl_seconds: 120,
          watchlist: ["AAPL", "MSFT"],
          desktop_notifications: true,
        },
      },
    ]);

    const saved = (await (await page.request.get("/api/me/preferences")).json()) as Record<string, unknown>;
    expect(saved).toMatchObject({
      equity: "7500.50",
      risk_percentage: 2,
      ttl_seconds: 120,
      max_leverage: 2,
      watchlist: ["AAPL", "MSFT"],
      desktop_notifications: true,
    });
    await page.reload();
    await expect(page.getByLabel("Account equity ($)")).toHaveValue("7500.50");
    await expect(page.getByLabel("Show a desktop notification")).toBeChecked();
    await expect(page.getByLabel("Maximum leverage (×)")).toHaveValue("2");
  } finally {
    await page.request.put("/api/me/preferences", { data: original });
  }
});

test("settings: notification permission is asked from a button, and its state is shown", async ({ page, context, signInAs }) => {
  await signInAs(page, "trader@example.com");
  await page.goto("/settings");
  const permission = page.getByTestId("notification-permission");
  const state = await page.evaluate(() => Notification.permission);
  if (state === "default") await expect(permission.getByRole("button", { name: "Allow desktop notifications" })).toBeVisible();
  else await expect(permission).toContainText(state === "denied" ? "blocks" : "allows");

  await context.grantPermissions(["notifications"]);
  await page.reload();
  await expect(permission).toHaveText("This browser allows notifications from Signal Desk.");
});
