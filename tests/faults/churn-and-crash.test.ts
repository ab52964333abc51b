import { afterAll, expect, it } from "vitest";
import { freePort } from "../support/redis-server";
import { freshDatabaseUrl, startTestServer, type TestServer } from "../support/test-server";
import {
  allConnected,
  type Approval,
  createLoadUsers,
  openTab,
  postApproval,
  settle,
  sleep,
  summary,
  type Tab,
} from "./support/fault-load";
import { allReconnectedAfter, restartBound, startupFigure } from "./support/restart-timing";

// Fault: a dozen tabs per trader reconnecting at random, one ack in ten lost, approvals flowing, and the
// node killed with SIGKILL in the middle and started again. Every approval answered 201 must reach a tab
// of its own trader, none another trader's, none shown twice. The restart under that load must stay within a
// loose bound of an idle restart measured first in the same run (issue 23 item 8).
const TABS_PER_USER = 12;
const APPROVALS = 120;
const KILL_AT = 60;

let server: TestServer | null = null;
const tabs: Tab[] = [];
afterAll(async () => {
  for (const tab of tabs) tab.socket.close();
  await server?.stop();
});

it("loses and leaks nothing through client churn, lost acks and a SIGKILL restart", { timeout: 180_000 }, async () => {
  const env = { DATABASE_URL: freshDatabaseUrl(), PORT: String(await freePort()), NOTIFY_ACK_TIMEOUT_MS: "300" };
  server = await startTestServer(env);
  const users = await createLoadUsers(env.DATABASE_URL, server.env.AUTH_SECRET!, 2);
  // The baseline: the same crash and restart with no tab open and nothing flowing.
  const idleKilledAt = Date.now();
  await server.kill();
  server = await startTestServer({ ...env, AUTH_SECRET: server.env.AUTH_SECRET!, DEMO: "false" });
  const idleRestartMs = Date.now() - idleKilledAt;
  const idleStartup = startupFigure(server);
  let drops = 0;
  const dropAck = () => (Math.random() < 0.1 ? (drops++, true) : false);
  for (const user of users) for (let i = 0; i < TABS_PER_USER; i++) tabs.push(openTab(server.url, user, { dropAck }));
  await allConnected(tabs);

  // Churn: bounded by a flag the test clears; each tab drops its connection now and then and comes back.
  let churning = true;
  let churns = 0;
  const churn = (async () => {
    while (churning) {
      const tab = tabs[Math.floor(Math.random() * tabs.length)]!;
      if (tab.socket.connected) {
        tab.socket.disconnect();
        churns++;
        // Guarded: a reconnect still pending when churning stops must not reopen a tab the test is closing.
        setTimeout(() => churning && tab.socket.connect(), 50 + Math.random() * 450);
      }
      await sleep(40);
    }
  })();

  const approvals: Approval[] = [];
  let refused = 0;
  let killedAt = 0;
  let readyAfterKillMs = 0;
  let servingAfterKillMs = 0;
  let tabsBack: Promise<number> = Promise.resolve(0);
  for (let n = 0; n < APPROVALS; n++) {
    if (n === KILL_AT) {
      killedAt = Date.now();
      tabsBack = allReconnectedAfter(tabs, killedAt);
      await server.kill();
      server = await startTestServer({ ...env, AUTH_SECRET: server.env.AUTH_SECRET!, DEMO: "false" });
      readyAfterKillMs = Date.now() - killedAt;
    }
    const outcome = await postApproval(server.url, users[n % users.length]!.id);
    if (n === KILL_AT) servingAfterKillMs = Date.now() - killedAt;
    if (outcome.status === 201 && outcome.approval) approvals.push(outcome.approval);
    else refused++;
    await sleep(25);
  }
  churning = false;
  await churn;
  // Tabs left disconnected by the churn come back; the outbox replays what they missed.
  for (const tab of tabs) if (!tab.socket.connected) tab.socket.connect();
  const result = await settle(approvals, tabs);
  summary("churn + SIGKILL", {
    approvals: result.approvals,
    lost: result.lost,
    leaked: result.leaked,
    duplicates_shown: result.duplicatesShown,
    acks_dropped: drops,
    reconnects: churns,
    not_201: refused,
    idle_restart_to_listening_ms: idleRestartMs,
    restart_to_listening_ms: readyAfterKillMs,
    restart_to_first_201_ms: servingAfterKillMs,
    restart_to_all_tabs_back_ms: await tabsBack,
    idle_startup_ms: idleStartup,
    startup_ms: startupFigure(server),
  });
  expect(result.approvals).toBeGreaterThan(APPROVALS * 0.9);
  expect(result).toMatchObject({ lost: 0, leaked: 0, duplicatesShown: 0 });
  expect(readyAfterKillMs).toBeLessThanOrEqual(restartBound(idleRestartMs));
});
