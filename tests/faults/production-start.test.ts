import SQLite from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { aaplSpring } from "../support/patterns";
import { trySignIn } from "../support/session";
import { runServerExpectingFailure, startTestServer, TEST_INGEST_KEY, type TestServer } from "../support/test-server";

// Fault: an operator starts production on an empty database and forgets DEMO. Nothing known-to-the-world
// may work: no demo users, no demo ingest key. Asked for explicitly, demo mode says so loudly.
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

function userCount(server: TestServer): number {
  const db = new SQLite(server.env.DATABASE_URL!.slice("file:".length), { readonly: true });
  try {
    return (db.prepare("select count(*) as n from users").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function ingest(server: TestServer, key: string): Promise<Response> {
  return fetch(`${server.url}/api/patterns`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(aaplSpring()),
  });
}

it("production start without DEMO seeds nothing and refuses the demo key", { timeout: 60_000 }, async () => {
  // An empty DEMO is no DEMO (env.ts drops empty values): the test server's DEMO=true is taken away.
  const server = await startTestServer({ DEMO: "" });
  servers.push(server);
  const listening = JSON.parse(server.logs.find((line) => line.includes("Signal Desk listening"))!) as Record<string, unknown>;
  expect(listening).toMatchObject({ demo: false, demo_feed: false });
  expect(userCount(server)).toBe(0);
  const admin = DEMO_USERS.find((user) => user.role === "admin")!;
  expect((await trySignIn(server.url, admin.email, admin.password)).session).toBeNull();
  expect((await ingest(server, "demo-ingest-key")).status).toBe(401);
  // The configured key works (no users: nobody to notify, but the pattern is accepted).
  expect([200, 201]).toContain((await ingest(server, TEST_INGEST_KEY)).status);
  expect(server.logs.some((line) => line.includes("DEMO MODE IN PRODUCTION"))).toBe(false);
});

it("production start with DEMO=true seeds the demo and warns loudly on the start line", { timeout: 60_000 }, async () => {
  const server = await startTestServer({ DEMO: "true", INGEST_API_KEY: "" });
  servers.push(server);
  expect(userCount(server)).toBe(DEMO_USERS.length);
  // Logged just before the start line, so it is there once the server is listening.
  const warning = server.logs
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .find((line) => line.msg.includes("DEMO MODE IN PRODUCTION"));
  expect(warning?.level).toBe(40);
  expect(warning?.msg).toContain("demo-ingest-key");
  expect((await ingest(server, "demo-ingest-key")).status).not.toBe(401);
});

it("production refuses TEST_CLOCK without a second explicit variable", { timeout: 30_000 }, async () => {
  const { code, stderr } = await runServerExpectingFailure({ TEST_CLOCK: "true" });
  expect(code).toBe(1);
  expect(stderr.trim()).toBe("Invalid environment variable TEST_CLOCK: only with NODE_ENV=test (or ALLOW_TEST_CLOCK=true)");
});
