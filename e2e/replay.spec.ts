import { aaplSpring, postPattern } from "@/tests/support/patterns";
import { startTestServer, type TestServer } from "@/tests/support/test-server";
import { userIdOf } from "@/tests/support/trader-client";
import { approvedSignalId, expect, openSocketCount, test, uniqueSymbol } from "./fixtures";

interface DeliveryAttempt {
  signal_id: string;
  attempt: number;
  outcome: string;
}

/** The delivery attempts of one signal, from the server's structured log. */
function attemptsOf(server: TestServer, signalId: string): DeliveryAttempt[] {
  return server.logs
    .filter((line) => line.includes('"delivery attempt"') && line.includes(signalId))
    .map((line) => JSON.parse(line) as DeliveryAttempt);
}

test("a signal approved while the trader's page is closed appears exactly once when the page opens", async ({
  context,
  server,
  signInAs,
  springFor,
  ingestPattern,
  userId,
  toasts,
}) => {
  const page = await context.newPage();
  await signInAs(page, "trader@example.com");
  const traderId = await userId("trader@example.com");
  await page.close();
  // Closed means closed on the server too: otherwise the closing page's socket could still ack the signal.
  await expect.poll(() => openSocketCount(server, traderId)).toBe(0);

  const signalId = approvedSignalId(await ingestPattern(await springFor(["trader@example.com"], { symbol: uniqueSymbol() })));
  // Nobody to deliver to: all four attempts fail and the signal waits in the outbox.
  await expect.poll(() => attemptsOf(server, signalId).length).toBe(4);
  for (const attempt of attemptsOf(server, signalId)) expect(["no_connection", "timeout"]).toContain(attempt.outcome);

  const reopened = await context.newPage();
  const listed = reopened.waitForResponse((response) => new URL(response.url()).pathname === "/api/signals");
  await reopened.goto("/");
  await expect(toasts.of(reopened, signalId)).toBeVisible();
  // Both ways it can arrive have happened: the replay on connect (acked) and the reloaded list.
  await expect.poll(() => attemptsOf(server, signalId).map((attempt) => attempt.outcome)).toContain("replayed");
  await listed;
  await expect(toasts.of(reopened, signalId)).toHaveCount(1);
  await expect(reopened.locator(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`)).toHaveCount(1);
});

test("a signal that expired while the page was closed does not appear when it opens", async ({ browser, signInAs, toasts }) => {
  test.setTimeout(120_000);
  // A server of its own whose demo users have 5 s to act (the API refuses a TTL under 30 s).
  const server = await startTestServer({ SIGNAL_TTL_SECONDS: "5" });
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const traderId = await userIdOf(server.url, "trader@example.com");
    const post = async () => {
      const answer = await postPattern(server.url, aaplSpring({ user_ids: [traderId], symbol: uniqueSymbol() }));
      expect(answer.status).toBe(201);
      return approvedSignalId(answer);
    };
    const page = await context.newPage();
    await signInAs(page, "trader@example.com");
    await page.close();
    // Only once the server has seen the tab go: a signal sent before that could still reach the closing page
    // and be acked there (seen once in a full run).
    await expect.poll(() => openSocketCount(server, traderId)).toBe(0);

    const expiredId = await post();
    await expect
      .poll(
        async () => {
          const body = (await (await context.request.get("/api/signals")).json()) as Array<{ signal_id: string; status: string }>;
          return body.find((signal) => signal.signal_id === expiredId)?.status;
        },
        { timeout: 15_000 },
      )
      .toBe("expired");

    // A fresh one at the same time shows that replay works in this very flow.
    const freshId = await post();
    const reopened = await context.newPage();
    const listed = reopened.waitForResponse((response) => new URL(response.url()).pathname === "/api/signals");
    await reopened.goto("/");
    await expect(toasts.of(reopened, freshId)).toBeVisible();
    await expect.poll(() => attemptsOf(server, freshId).map((attempt) => attempt.outcome)).toContain("replayed");
    await listed;

    // This server is the test's own: the fresh signal is the only toast.
    await expect(toasts.all(reopened)).toHaveCount(1);
    await expect(toasts.of(reopened, expiredId)).toHaveCount(0);
    await expect(reopened.locator(`[data-testid="pending-signal"][data-signal-id="${expiredId}"]`)).toHaveCount(0);
    const outcomes = attemptsOf(server, expiredId).map((attempt) => attempt.outcome);
    expect(outcomes).toContain("expired");
    expect(outcomes).not.toContain("replayed");
  } finally {
    await context.close();
    await server.stop();
  }
});
