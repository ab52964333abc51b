import { afterAll, expect, it } from "vitest";
import { RETRY_AFTER_S } from "@/server/http/api-response";
import { type OwnPostgres, startOwnPostgres } from "../support/postgres-cluster";
import { startTestServer, type TestServer } from "../support/test-server";
import {
  allConnected,
  type Approval,
  createLoadUsers,
  openTab,
  type PostOutcome,
  postApproval,
  settle,
  sleep,
  summary,
  type Tab,
} from "./support/fault-load";

// Fault (issue 11 item 6): the node's PostgreSQL (a cluster of the test's own) stops for 5 s under load.
// Meanwhile ingest answers 503 with Retry-After (never 500) and /readyz 503; afterwards the scanner's
// retries go through and every approval answered 201 reaches its trader.
const OUTAGE_MS = 5000;

let pg: OwnPostgres | null = null;
let server: TestServer | null = null;
const tabs: Tab[] = [];
afterAll(async () => {
  for (const tab of tabs) tab.socket.close();
  await server?.stop();
  pg?.destroy();
});

it("answers 503 + Retry-After while PostgreSQL is down and loses nothing once it is back", { timeout: 180_000 }, async () => {
  pg = await startOwnPostgres();
  server = await startTestServer({ DATABASE_URL: pg.url, NOTIFY_ACK_TIMEOUT_MS: "500" });
  const users = await createLoadUsers(pg.url, server.env.AUTH_SECRET!, 2);
  for (const user of users) for (let i = 0; i < 3; i++) tabs.push(openTab(server.url, user));
  await allConnected(tabs);

  const approvals: Approval[] = [];
  const refusedDuring: PostOutcome[] = [];
  const statuses = new Map<string, number>();
  let readyzDuring = 0;
  let stoppedAt = 0;
  let restartedAt = 0;
  let firstApprovalAfterMs = -1;
  const outage = (async () => {
    await sleep(2000);
    await pg.stop();
    stoppedAt = Date.now();
    await sleep(OUTAGE_MS / 2);
    readyzDuring = (await fetch(`${server.url}/readyz`)).status;
    await sleep(OUTAGE_MS / 2);
    await pg.start();
    restartedAt = Date.now();
  })();

  // A scanner posting every 100 ms for 12 s (bounded), through the outage.
  const loopEnd = Date.now() + 12_000;
  for (let n = 0; Date.now() < loopEnd; n++) {
    const outcome = await postApproval(server.url, users[n % users.length]!.id);
    statuses.set(String(outcome.status), (statuses.get(String(outcome.status)) ?? 0) + 1);
    if (outcome.approval) {
      approvals.push(outcome.approval);
      if (restartedAt && firstApprovalAfterMs < 0) firstApprovalAfterMs = Date.now() - restartedAt;
    } else if (outcome.status === 503) {
      expect(outcome.retryAfter).toBe(String(RETRY_AFTER_S));
      refusedDuring.push(outcome);
    }
    await sleep(100);
  }
  await outage;
  // The scanner retries what was refused, with the same idempotency keys.
  for (const refused of refusedDuring) {
    const again = await postApproval(server.url, refused.pattern.user_ids![0]!, refused.pattern);
    expect([200, 201]).toContain(again.status);
    if (again.approval) approvals.push(again.approval);
  }
  const result = await settle(approvals, tabs);
  const readyAfter = (await fetch(`${server.url}/readyz`)).status;
  summary("PostgreSQL stopped 5 s", {
    approvals: result.approvals,
    lost: result.lost,
    leaked: result.leaked,
    duplicates_shown: result.duplicatesShown,
    answers: [...statuses].map(([status, count]) => `${status}x${count}`).join(","),
    readyz_during: readyzDuring,
    first_approval_after_restart_ms: firstApprovalAfterMs,
    outage_ms: restartedAt - stoppedAt,
  });
  expect(statuses.get("500") ?? 0).toBe(0);
  expect(statuses.get("503") ?? 0).toBeGreaterThan(0);
  expect(readyzDuring).toBe(503);
  expect(readyAfter).toBe(200);
  expect(result).toMatchObject({ lost: 0, leaked: 0, duplicatesShown: 0 });
});
