import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { type OwnRedis, startOwnRedis } from "../support/redis-server";
import { startTestServer, type TestServer } from "../support/test-server";
import {
  allConnected,
  type Approval,
  createLoadUsers,
  openTab,
  postApproval,
  settle,
  sleep,
  summary,
  tally,
  type Tab,
} from "./support/fault-load";

// Fault: two nodes share PostgreSQL and a Redis of the test's own; Redis is killed for 3 s while approvals
// posted to one node go to tabs on the other. Nothing approved is lost, nothing stale arrives late (the
// Redis client keeps no offline queue to flush), and both nodes report ready again without a restart.
const OUTAGE_MS = 3000;

let redis: OwnRedis | null = null;
const nodes: TestServer[] = [];
const tabs: Tab[] = [];
afterAll(async () => {
  for (const tab of tabs) tab.socket.close();
  await Promise.all(nodes.map((node) => node.stop()));
  await redis?.stop();
});

it("loses nothing and replays nothing stale when Redis dies under load between two nodes", { timeout: 180_000 }, async () => {
  redis = await startOwnRedis();
  const shared = {
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/test?schema=fault_${randomUUID().replaceAll("-", "").slice(0, 12)}`,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `fault-${randomUUID().slice(0, 8)}`,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    NOTIFY_ACK_TIMEOUT_MS: "500",
  };
  nodes.push(await startTestServer(shared));
  nodes.push(await startTestServer(shared));
  const [a, b] = nodes as [TestServer, TestServer];
  const users = await createLoadUsers(shared.DATABASE_URL, shared.AUTH_SECRET, 4);
  // A trader with a 4 s time to act: what the outage holds up must expire, never arrive late.
  const [hurried] = await createLoadUsers(shared.DATABASE_URL, shared.AUTH_SECRET, 1, 4);
  const homeOf = (index: number) => (index % 2 === 0 ? a : b);
  users.forEach((user, index) => {
    for (let i = 0; i < 3; i++) tabs.push(openTab(homeOf(index).url, user));
  });
  for (let i = 0; i < 2; i++) tabs.push(openTab(b.url, hurried!));
  await allConnected(tabs);

  let restartedAt = 0;
  let stoppedAt = 0;
  const outage = (async () => {
    await sleep(2000);
    await redis.stop();
    stoppedAt = Date.now();
    await sleep(OUTAGE_MS);
    await redis.start();
    restartedAt = Date.now();
  })();

  const approvals: Approval[] = [];
  const hurriedApprovals: Approval[] = [];
  let notCreated = 0;
  const loopEnd = Date.now() + 9000;
  for (let n = 0; Date.now() < loopEnd; n++) {
    const index = n % (users.length + 1);
    // Posted to the node the trader's tabs are NOT on: every delivery crosses Redis.
    const outcome =
      index === users.length ? await postApproval(a.url, hurried!.id) : await postApproval(homeOf(index + 1).url, users[index]!.id);
    if (!outcome.approval) notCreated++;
    else if (index === users.length) hurriedApprovals.push(outcome.approval);
    else approvals.push(outcome.approval);
    await sleep(80);
  }
  await outage;
  for (const node of nodes) await expect.poll(async () => (await fetch(`${node.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
  const readyAfterMs = Date.now() - restartedAt;
  // Failed deliveries are replayed to open tabs every 10 s: wait for that sweep at most a few times.
  const result = await settle(approvals, tabs, 45_000);
  const hurriedResult = tally(hurriedApprovals, tabs);
  summary("Redis killed 3 s, two nodes", {
    approvals: result.approvals + hurriedResult.approvals,
    lost: result.lost,
    leaked: result.leaked + hurriedResult.leaked,
    duplicates_shown: result.duplicatesShown,
    stale_arrivals: result.lateArrivals,
    short_ttl_expired_undelivered: hurriedResult.lost,
    not_created: notCreated,
    outage_ms: restartedAt - stoppedAt,
    both_ready_after_restart_ms: readyAfterMs,
  });
  expect(notCreated).toBe(0);
  expect(result).toMatchObject({ lost: 0, leaked: 0, duplicatesShown: 0, lateArrivals: 0 });
  expect(hurriedResult.leaked).toBe(0);
});
