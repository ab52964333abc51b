import { expect, openSocketCount, test } from "./fixtures";

test("the demo trader signs in, sees the live connection, and signs out", async ({ page, signInAs, server, userId }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);

  await signInAs(page, "trader@example.com");
  const traderId = await userId("trader@example.com");
  await expect.poll(() => openSocketCount(server, traderId)).toBe(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The page's socket is closed on the server within a second.
  await expect.poll(() => openSocketCount(server, traderId), { timeout: 1000 }).toBe(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password is refused on the login page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("trader@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});
