import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { metricValue } from "../support/metrics";
import { authedFetch, connected, openSocket, signIn, signOut, type SignedIn } from "../support/session";
import { freshDatabaseUrl, startTestServer, TEST_INGEST_KEY, type TestServer } from "../support/test-server";

// Fault: a signed-out token is kept by someone, and time passes. It must stay dead when its revocation row
// would have aged out under RETENTION_DAYS, and no renewal keeps any token alive past its absolute lifetime.
const DAY_MS = 86_400_000;
const TRADER = DEMO_USERS[0]!;

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

/** GET /api/auth/session: next-auth's renewal endpoint answers {} for a session it does not renew. */
async function sessionOf(url: string, session: SignedIn): Promise<{ body: Record<string, unknown>; renewed: string | null }> {
  const response = await authedFetch(url, session, "/api/auth/session");
  const renewed = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .find((cookie) => cookie.startsWith("next-auth.session-token=") && cookie.length > "next-auth.session-token=".length);
  return { body: (await response.json()) as Record<string, unknown>, renewed: renewed ?? null };
}

function sqlite(databaseUrl: string): SQLite.Database {
  return new SQLite(databaseUrl.slice("file:".length));
}

describe("a revoked token", () => {
  it(
    "is refused by GET /api/auth/session and the API, also after its revocation row aged past RETENTION_DAYS",
    { timeout: 120_000 },
    async () => {
      const databaseUrl = freshDatabaseUrl();
      const env = { DATABASE_URL: databaseUrl, RETENTION_DAYS: "1" };
      const first = await startTestServer(env);
      servers.push(first);
      const copied = await signIn(first.url, TRADER.email, TRADER.password);
      expect((await sessionOf(first.url, copied)).body).toMatchObject({ user: { email: TRADER.email } });
      await signOut(first.url, copied);
      expect((await sessionOf(first.url, copied)).body).toEqual({});
      expect((await authedFetch(first.url, copied, "/api/me/preferences")).status).toBe(401);
      expect(await first.stop()).toBe(0);

      // Two days pass: the row is older than RETENTION_DAYS=1 but the token is within its absolute lifetime.
      const db = sqlite(databaseUrl);
      db.prepare("update revoked_sessions set revoked_at = revoked_at - ?").run(2 * DAY_MS);
      db.close();
      const second = await startTestServer({ ...env, AUTH_SECRET: first.env.AUTH_SECRET! });
      servers.push(second);
      // The retention sweep runs once at start; wait until it has.
      await expect.poll(() => metricValue(second.url, 'signal_delivery_sweep_duration_ms_count{sweep="retention"}')).toBeGreaterThan(0);
      const reader = sqlite(databaseUrl);
      const rows = reader.prepare("select count(*) as n from revoked_sessions").get() as { n: number };
      reader.close();
      expect(rows.n).toBe(1);
      expect((await sessionOf(second.url, copied)).body).toEqual({});
      expect((await authedFetch(second.url, copied, "/api/me/preferences")).status).toBe(401);
      const socket = openSocket(second.url, { token: copied.token });
      await expect(connected(socket)).rejects.toThrow();
      socket.close();
    },
  );
});

describe("a session renewed again and again", () => {
  it("ends 7 days after its sign-in on the server's clock", { timeout: 60_000 }, async () => {
    const server = await startTestServer({ TEST_CLOCK: "true", ALLOW_TEST_CLOCK: "true" });
    servers.push(server);
    const advance = (ms: number) =>
      fetch(`${server.url}/api/test/clock`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
        body: JSON.stringify({ advance_ms: ms }),
      });
    let session = await signIn(server.url, TRADER.email, TRADER.password);
    // Renewed every 6 days' worth of 12-hour idles would be fine: each renewal hands out a fresh token.
    expect((await advance(6 * DAY_MS)).status).toBe(200);
    const renewal = await sessionOf(server.url, session);
    expect(renewal.body).toMatchObject({ user: { email: TRADER.email } });
    expect(renewal.renewed).not.toBeNull();
    session = { cookie: renewal.renewed!, token: renewal.renewed!.slice("next-auth.session-token=".length) };
    expect((await authedFetch(server.url, session, "/api/me/preferences")).status).toBe(200);

    expect((await advance(DAY_MS)).status).toBe(200);
    expect((await sessionOf(server.url, session)).body).toEqual({});
    expect((await authedFetch(server.url, session, "/api/me/preferences")).status).toBe(401);
    const socket = openSocket(server.url, { token: session.token });
    await expect(connected(socket)).rejects.toThrow();
    socket.close();

    // The test clock's moves are capped: 7 days so far, 60 in all.
    expect((await advance(30 * DAY_MS)).status).toBe(200);
    expect((await advance(30 * DAY_MS)).status).toBe(400);
    expect((await advance(23 * DAY_MS)).status).toBe(200);
    expect((await advance(1)).status).toBe(400);
  });
});
