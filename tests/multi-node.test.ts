import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignalNotification } from "@/lib/signal-notification";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase } from "@/server/db/database";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { aaplSpring, postPattern } from "./support/patterns";
import { startOwnRedis, type OwnRedis } from "./support/redis-server";
import { authedFetch, connected, openSocket, signIn, signOut, type SignedIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";
import { connectTrader, userIdOf } from "./support/trader-client";

const TRADER = "trader@example.com";
const admin = DEMO_USERS.find((user) => user.role === "admin")!;

/** Two nodes sharing one PostgreSQL schema and one Redis, as behind a load balancer. */
async function startCluster(redisUrl: string) {
  const shared = {
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/test?schema=mn_${randomUUID().replaceAll("-", "").slice(0, 12)}`,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}`,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    NOTIFY_ACK_TIMEOUT_MS: "500",
  };
  // One after the other: the first applies the migrations and seeds the demo users.
  const a = await startTestServer(shared);
  const b = await startTestServer(shared);
  return { a, b, shared };
}

async function deliveryLog(node: TestServer, session: SignedIn, signalId: string): Promise<DeliveryLogRow[]> {
  const response = await authedFetch(node.url, session, `/api/admin/deliveries?signal=${signalId}`);
  return ((await response.json()) as { rows: DeliveryLogRow[] }).rows;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("two nodes on Redis and PostgreSQL", () => {
  let a: TestServer;
  let b: TestServer;
  let shared: Record<string, string>;
  let adminSession: SignedIn;
  let traderId: string;

  beforeAll(async () => {
    ({ a, b, shared } = await startCluster("redis://127.0.0.1:6379"));
    adminSession = await signIn(a.url, admin.email, admin.password);
    traderId = await userIdOf(a.url, TRADER);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it("reports Redis and PostgreSQL in /readyz", async () => {
    const ready = (await (await fetch(`${b.url}/readyz`)).json()) as unknown;
    expect(ready).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
  });

  it("delivers a pattern posted to node A to the trader's socket on node B once, within 500 ms, logged once", async () => {
    const trader = await connectTrader(b.url, TRADER);
    const answer = await postPattern(a.url, aaplSpring({ symbol: "NODEA", user_ids: [traderId] }));
    const signalId = answer.body.signals[0]!.signal_id;
    await expect.poll(() => trader.copiesOf(signalId).length).toBe(1);
    const arrival = trader.copiesOf(signalId)[0]!;
    expect(arrival.at - Date.parse(arrival.signal.timestamp)).toBeLessThan(500);
    await sleep(700);
    expect(trader.copiesOf(signalId)).toHaveLength(1);
    expect(await deliveryLog(a, adminSession, signalId)).toMatchObject([{ attempt: 1, outcome: "delivered", sockets: 1 }]);
    trader.close();
  });

  it("reaches two tabs of one user on different nodes with one delivery logged", async () => {
    const tabOnA = await connectTrader(a.url, TRADER);
    const tabOnB = await connectTrader(b.url, TRADER, { session: tabOnA.session });
    const answer = await postPattern(b.url, aaplSpring({ symbol: "TWOTAB", user_ids: [traderId] }));
    const signalId = answer.body.signals[0]!.signal_id;
    await expect.poll(() => tabOnA.copiesOf(signalId).length + tabOnB.copiesOf(signalId).length).toBe(2);
    await sleep(500);
    // Delivered at the first ack, whichever node's tab gave it; one row for the delivery.
    expect(await deliveryLog(a, adminSession, signalId)).toMatchObject([{ attempt: 1, outcome: "delivered", sockets: 1 }]);
    tabOnA.close();
    tabOnB.close();
  });

  it("signs a session out on every node", async () => {
    const session = await signIn(a.url, TRADER, DEMO_USERS[0]!.password);
    const onA = openSocket(a.url, { cookie: session.cookie });
    const onB = openSocket(b.url, { cookie: session.cookie });
    await Promise.all([connected(onA), connected(onB)]);
    const closed = Promise.all([new Promise((r) => onA.once("disconnect", r)), new Promise((r) => onB.once("disconnect", r))]);
    const started = Date.now();
    await signOut(a.url, session);
    await closed;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("delivers 200 signals approved across both nodes for 50 users exactly once each", async () => {
    const database = await openDatabase(shared.DATABASE_URL!);
    const users = new UserStore(database.db);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const user = await users.create({
        email: `load-${i}-${randomUUID().slice(0, 6)}@example.com`,
        passwordHash: "not-used",
        role: "trader",
        preferences: {
          equity: "100000.00",
          risk_percentage: 1,
          min_confidence: 0,
          min_r_multiple: 0,
          ttl_seconds: 300,
          watchlist: ["NONE"],
          sound: false,
          desktop_notifications: false,
        },
      });
      ids.push(user.id);
    }
    await database.close();

    const copies = new Map<string, number>();
    const owner = new Map<string, string>();
    const sockets = await Promise.all(
      ids.map(async (id, i) => {
        const token = await encode({
          token: { id, role: "trader", email: `load-${i}`, sid: randomUUID(), issued_at: Date.now() },
          secret: shared.AUTH_SECRET!,
        });
        const socket = openSocket(i % 2 === 0 ? a.url : b.url, { token });
        socket.on("signal_approved", (signal: SignalNotification, ack) => {
          copies.set(signal.signal_id, (copies.get(signal.signal_id) ?? 0) + 1);
          owner.set(signal.signal_id, id);
          ack({ received_at: new Date().toISOString() });
        });
        await connected(socket);
        return socket;
      }),
    );

    const expected = new Map<string, string>();
    await Promise.all(
      Array.from({ length: 200 }, async (_, n) => {
        const userId = ids[n % ids.length]!;
        const answer = await postPattern(n % 2 === 0 ? a.url : b.url, aaplSpring({ symbol: `L${n}`, user_ids: [userId] }));
        expected.set(answer.body.signals[0]!.signal_id, userId);
      }),
    );
    await expect.poll(() => [...expected.keys()].filter((id) => copies.has(id)).length, { timeout: 10_000 }).toBe(200);
    await sleep(1000);
    expect([...expected.keys()].every((id) => copies.get(id) === 1 && owner.get(id) === expected.get(id))).toBe(true);
    const delivered = await authedFetch(a.url, adminSession, "/api/admin/deliveries?status=delivered&limit=1000");
    const rows = ((await delivered.json()) as { rows: DeliveryLogRow[] }).rows.filter((row) => expected.has(row.signal_id));
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((row) => row.signal_id)).size).toBe(200);
    for (const socket of sockets) socket.close();
  });

  it("replays once on node A what node B could not deliver before it was killed", async () => {
    const answer = await postPattern(b.url, aaplSpring({ symbol: "KILLB", user_ids: [traderId] }));
    const signalId = answer.body.signals[0]!.signal_id;
    await sleep(300);
    await b.kill();
    const trader = await connectTrader(a.url, TRADER);
    await expect.poll(() => trader.copiesOf(signalId).length).toBe(1);
    await sleep(1500);
    expect(trader.copiesOf(signalId)).toHaveLength(1);
    const outcomes = (await deliveryLog(a, adminSession, signalId)).map((row) => row.outcome);
    expect(outcomes.filter((outcome) => outcome === "replayed" || outcome === "delivered")).toEqual(["replayed"]);
    trader.close();
  });
});

describe("a Redis restart", () => {
  let redis: OwnRedis;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    redis = await startOwnRedis();
    ({ a, b } = await startCluster(redis.url));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it("loses nothing approved while Redis was down and resumes without restarting the nodes", async () => {
    const traderId = await userIdOf(a.url, TRADER);
    const trader = await connectTrader(b.url, TRADER);
    await redis.stop();
    const during = await postPattern(a.url, aaplSpring({ symbol: "OUTAGE", user_ids: [traderId] }));
    expect(during.status).toBe(201);
    const duringId = during.body.signals[0]!.signal_id;
    await sleep(1000);
    await redis.start();

    // The signal approved during the outage arrives (a retry, or the replay of failed deliveries), kept once.
    await expect.poll(() => trader.stored.has(duringId), { timeout: 20_000 }).toBe(true);
    expect(trader.copiesOf(duringId).length).toBeGreaterThanOrEqual(1);

    // Both nodes report Redis again without a restart, and cross-node delivery works again.
    for (const node of [a, b]) await expect.poll(async () => (await fetch(`${node.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    const after = await postPattern(a.url, aaplSpring({ symbol: "AFTER", user_ids: [traderId] }));
    const afterId = after.body.signals[0]!.signal_id;
    await expect.poll(() => trader.stored.has(afterId), { timeout: 5000 }).toBe(true);
    trader.close();
  });
});
