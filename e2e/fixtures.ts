import { test as base, type BrowserContext, expect, type Locator, type Page } from "@playwright/test";
import type { Pattern } from "@/lib/pattern";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { aaplSpring, type IngestAnswer, postPattern, uniqueSymbol } from "@/tests/support/patterns";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "@/tests/support/test-server";
import { userIdOf } from "@/tests/support/trader-client";

// The specs take their helpers from the fixtures; the generator itself is shared with the vitest suites.
export { uniqueSymbol };

type WorkerFixtures = {
  /** Extra environment for the worker's server, e.g. `test.use({ serverEnv: { SIGNAL_TTL_SECONDS: "5" } })`. */
  serverEnv: Record<string, string>;
  server: TestServer;
  /** Demo user ids by email, looked up once per worker. */
  userId: (email: string) => Promise<string>;
};
type TestFixtures = {
  /** Signs in through the login form and waits until the desk is live (its socket connected). */
  signInAs: (page: Page, email: string) => Promise<void>;
  /** POST /api/patterns with the ingest key; `user_ids` pins it to those users. */
  ingestPattern: (pattern: Pattern) => Promise<IngestAnswer>;
  /** contract §3's AAPL example, detected now, for the given demo users only. */
  springFor: (emails: string[], overrides?: Partial<Pattern>) => Promise<Pattern>;
  /** A page in a browser context of its own at this screen size, signed in (null: signed out); closed after the test. */
  pageAt: (screen: { width: number; height: number }, email: string | null) => Promise<Page>;
  /** The desk's signal toasts on a page (a test's tabs each pass their own). */
  toasts: Toasts;
};

export interface Toasts {
  /** The toast of one signal: at most one per signal id, whatever the number of copies that arrived. */
  of: (page: Page, signalId: string | undefined) => Locator;
  /** Every open toast, top of the stack first. */
  all: (page: Page) => Locator;
  /** Esc puts the top toast away, one at a time, until none is left (their signals stay queued). */
  putAway: (page: Page) => Promise<void>;
}

const toasts: Toasts = {
  of: (page, signalId) => page.locator(`[data-testid="signal-toast"][data-signal-id="${signalId}"]`),
  all: (page) => page.getByTestId("signal-toast"),
  async putAway(page) {
    // The list of open signals loads after the socket connects and brings their toasts: wait for it first.
    await expect(page.getByTestId("pending-queue")).toHaveAttribute("aria-busy", "false");
    const open = toasts.all(page);
    for (let count = await open.count(); count > 0; count = await open.count()) {
      await page.keyboard.press("Escape");
      await expect.poll(() => open.count()).toBeLessThan(count);
    }
    await expect(open).toHaveCount(0);
  },
};

/** One real server per worker (port 0, fresh SQLite, demo users, no demo feed). */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverEnv: [{}, { scope: "worker", option: true }],
  server: [
    async ({ serverEnv }, provide) => {
      const server = await startTestServer(serverEnv);
      await provide(server);
      await server.stop();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  userId: [
    async ({ server }, provide) => {
      const ids = new Map<string, string>();
      await provide(async (email) => {
        const known = ids.get(email);
        if (known) return known;
        const id = await userIdOf(server.url, email);
        ids.set(email, id);
        return id;
      });
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, provide) => provide(server.url),
  signInAs: async ({}, provide) => {
    await provide(async (page, email) => {
      const user = DEMO_USERS.find((candidate) => candidate.email === email);
      if (!user) throw new Error(`no demo user ${email}`);
      await page.goto("/login");
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("user-email")).toHaveText(user.email);
      // Signed in means live: the desk's socket is up, so what the test sends next reaches this page.
      await expect(page.getByTestId("connection-status")).toHaveText("connected");
    });
  },
  pageAt: async ({ browser, server, signInAs }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (screen, email) => {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: screen.width, height: screen.height } });
      contexts.push(context);
      const page = await context.newPage();
      if (email) await signInAs(page, email);
      return page;
    });
    for (const context of contexts) await context.close();
  },
  toasts: async ({}, provide) => provide(toasts),
  ingestPattern: async ({ server }, provide) => {
    await provide(async (pattern) => {
      const answer = await postPattern(server.url, pattern);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer;
    });
  },
  springFor: async ({ userId }, provide) => {
    await provide(async (emails, overrides = {}) => {
      const userIds = await Promise.all(emails.map((email) => userId(email)));
      return aaplSpring({ user_ids: userIds, ...overrides });
    });
  },
});

/** The one approved signal of an ingest answer (the test pinned the pattern to one user). */
export function approvedSignalId(answer: IngestAnswer): string {
  const approved = answer.body.signals.filter((signal) => signal.status === "approved");
  expect(approved, JSON.stringify(answer.body.signals)).toHaveLength(1);
  return approved[0]?.signal_id ?? "";
}

export { expect, TEST_INGEST_KEY };

/** The user's sockets the server holds open now, counted from its structured connect and disconnect logs. */
export function openSocketCount(server: TestServer, userId: string): number {
  const count = (event: string) =>
    server.logs.filter((line) => line.includes(`"user_id":"${userId}"`) && line.includes(`"${event}"`)).length;
  return count("socket connected") - count("socket disconnected");
}

/** Where a docs screenshot goes: docs/ with UPDATE_DOCS_SCREENSHOTS=1, else the test's output folder. */
export const shotPath = (name: string) => (process.env.UPDATE_DOCS_SCREENSHOTS ? `docs/${name}` : test.info().outputPath(name));
