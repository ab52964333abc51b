import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SignalDeskClientSocket } from "@/lib/socket-client";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { type OwnRedis, startOwnRedis } from "../support/redis-server";
import { authedFetch, connected, openSocket, signIn, signOut, type SignedIn } from "../support/session";
import { startTestServer, type TestServer } from "../support/test-server";
import { userIdOf } from "../support/trader-client";
import { summary } from "./support/fault-load";

// Fault (issue 23 item 3): two nodes share PostgreSQL and a Redis of the test's own, and Redis is dead. contract §2
// still holds: a sign-out closes that session's sockets within one second, on the node that signed out (locally,
// needing no Redis) and on the other node (its session guard reads the raised epoch from the database); a
// disable closes every socket of the user on both nodes within one second.
const [trader, trader2, admin] = [DEMO_USERS[0]!, DEMO_USERS[1]!, DEMO_USERS.find((user) => user.role === "admin")!];
const WITHIN_MS = 1000;

let redis: OwnRedis | null = null;
const nodes: TestServer[] = [];
const sockets: SignalDeskClientSocket[] = [];

beforeAll(async () => {
  redis = await startOwnRedis();
  const shared = {
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/test?schema=fault_${randomUUID().replaceAll("-", "").slice(0, 12)}`,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `fault-${randomUUID().slice(0, 8)}`,
    AUTH_SECRET: randomBytes(32).toString("hex"),
  };
  // One after the other: the first applies the migrations and seeds the demo users.
  nodes.push(await startTestServer(shared));
  nodes.push(await startTestServer(shared));
}, 120_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all(nodes.map((node) => node.stop()));
  await redis?.stop();
});

/** Sockets opened with the session's cookie, one per node, connected. */
async function tabsOn(session: SignedIn): Promise<SignalDeskClientSocket[]> {
  const tabs = nodes.map((node) => openSocket(node.url, { cookie: session.cookie }));
  sockets.push(...tabs);
  await Promise.all(tabs.map(connected));
  return tabs;
}

/** Milliseconds from now until the socket closes (Infinity if it is still open after `timeoutMs`). */
function closedAfter(socket: SignalDeskClientSocket, started: number, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), timeoutMs);
    socket.once("disconnect", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

it(
  "closes a signed-out session's sockets and a disabled user's sockets on both nodes within 1 s while Redis is down",
  { timeout: 120_000 },
  async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const signedOut = await signIn(a.url, trader.email, trader.password);
    const keptSession = await signIn(b.url, trader.email, trader.password);
    const disabledSession = await signIn(b.url, trader2.email, trader2.password);
    const adminSession = await signIn(a.url, admin.email, admin.password);
    const trader2Id = await userIdOf(a.url, trader2.email);
    const [outOnA, outOnB] = await tabsOn(signedOut);
    const [keptOnA, keptOnB] = await tabsOn(keptSession);
    const [disabledOnA, disabledOnB] = await tabsOn(disabledSession);

    await redis!.stop();
    // Both nodes noticed: /readyz says Redis is down, so nothing below can ride on Redis.
    for (const node of nodes) await expect.poll(async () => (await fetch(`${node.url}/readyz`)).status, { timeout: 10_000 }).toBe(503);

    const signOutStarted = Date.now();
    const signOutClosed = Promise.all([closedAfter(outOnA!, signOutStarted), closedAfter(outOnB!, signOutStarted)]);
    await signOut(a.url, signedOut);
    const [signOutLocalMs, signOutOtherMs] = await signOutClosed;

    const disableStarted = Date.now();
    const disableClosed = Promise.all([closedAfter(disabledOnA!, disableStarted), closedAfter(disabledOnB!, disableStarted)]);
    const patch = await authedFetch(a.url, adminSession, `/api/admin/users/${trader2Id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(patch.status).toBe(200);
    const [disableLocalMs, disableOtherMs] = await disableClosed;

    summary("sign-out and disable with Redis down, two nodes", {
      sign_out_same_node_ms: signOutLocalMs,
      sign_out_other_node_ms: signOutOtherMs,
      disable_same_node_ms: disableLocalMs,
      disable_other_node_ms: disableOtherMs,
    });
    expect(signOutLocalMs).toBeLessThanOrEqual(WITHIN_MS);
    expect(signOutOtherMs).toBeLessThanOrEqual(WITHIN_MS);
    expect(disableLocalMs).toBeLessThanOrEqual(WITHIN_MS);
    expect(disableOtherMs).toBeLessThanOrEqual(WITHIN_MS);
    // The same user's other session is untouched on both nodes.
    expect([keptOnA!.connected, keptOnB!.connected]).toEqual([true, true]);
    // And the ended sessions stay ended: a new socket with either is refused.
    for (const session of [signedOut, disabledSession]) {
      const again = openSocket(b.url, { cookie: session.cookie });
      sockets.push(again);
      await expect(connected(again)).rejects.toThrow("unauthorized");
    }
  },
);
