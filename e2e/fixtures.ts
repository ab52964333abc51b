import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "@/tests/support/test-server";

type WorkerFixtures = { server: TestServer };
type TestFixtures = { signInAs: (page: Page, email: string) => Promise<void> };

/** One real server per worker (port 0, fresh SQLite, demo users, no demo feed). */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  signInAs: async ({}, use) => {
    await use(async (page, email) => {
      const user = DEMO_USERS.find((candidate) => candidate.email === email);
      if (!user) throw new Error(`no demo user ${email}`);
      await page.goto("/login");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("user-email")).toHaveText(user.email);
    });
  },
});

export { expect, TEST_INGEST_KEY };
