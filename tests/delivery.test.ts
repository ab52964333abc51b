import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import { SignalNotificationSchema } from "@/lib/signal-notification";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { metricValue } from "./support/metrics";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { authedFetch, signIn, type SignedIn } from "./support/session";
import { freshDatabaseUrl, startTestServer, type TestServer } from "./support/test-server";
import { connectTrader, userIdOf } from "./support/trader-client";

const ACK_TIMEOUT_MS = 400;
const TRADER = "trader@example.com";
const TRADER2 = "trader2@example.com";
const admin = DEMO_USERS.find((user) => user.role === "admin")!;

let server: TestServer;
let adminSession: SignedIn;
let traderId: string;
let trader2Id: string;

async function deliveryLog(signalId: string): Promise<DeliveryLogRow[]> {
  const response = await authedFetch(server.url, adminSession, `/api/admin/deliveries?signal=${signalId}&limit=50`);
  return ((await response.json()) as { rows: DeliveryLogRow[] }).rows.reverse();
}

/** Each test uses its own symbol so the 15-minute duplicate rule never links two tests. */

async function approveFor(userId: string, overrides: Parameters<typeof aaplSpring>[0] = {}) {
  const answer = await postPattern(server.url, aaplSpring({ symbol: uniqueSymbol(), user_ids: [userId], ...overrides }));
  expect(answer.status).toBe(201);
  const signal = answer.body.signals[0]!;
  expect(signal.status).toBe("approved");
  return { signalId: signal.signal_id, postedAt: Date.now() };
}

beforeAll(async () => {
  server = await startTestServer({ NOTIFY_ACK_TIMEOUT_MS: String(ACK_TIMEOUT_MS) });
  adminSession = await signIn(server.url, admin.email, admin.password);
  [traderId, trader2Id] = await Promise.all([userIdOf(server.url, TRADER), userIdOf(server.url, TRADER2)]);
});
afterAll(async () => {
  await server.stop();
});

describe("delivery", () => {
  it("delivers within 500 ms of approval with every field, logs it and counts it", async () => {
    const trader = await connectTrader(server.url, TRADER);
    const deliveredBefore = await metricValue(server.url, 'signal_notifications_sent_total{outcome="delivered"}');
    const latencyCountBefore = await metricValue(server.url, "signal_notification_latency_ms_count");
    const { signalId } = await approveFor(traderId);
    await expect.poll(() => trader.arrivals.length).toBe(1);
    const { signal, at } = trader.arrivals[0]!;
    expect(SignalNotificationSchema.parse(signal).signal_id).toBe(signalId);
    expect(at - Date.parse(signal.timestamp)).toBeLessThan(500);

    await expect.poll(() => deliveryLog(signalId)).toMatchObject([{ attempt: 1, outcome: "delivered", sockets: 1, user_email: TRADER }]);
    const [row] = await deliveryLog(signalId);
    expect(row!.latency_ms).toBeLessThan(500);
    expect(await metricValue(server.url, 'signal_notifications_sent_total{outcome="delivered"}')).toBe(deliveredBefore + 1);
    expect(await metricValue(server.url, "signal_notification_latency_ms_count")).toBe(latencyCountBefore + 1);
    expect(await metricValue(server.url, 'signal_notification_latency_ms_bucket{le="500"}')).toBeGreaterThanOrEqual(latencyCountBefore + 1);
    trader.close();
  });

  it("carries the AAPL example's numbers exactly", async () => {
    const trader = await connectTrader(server.url, TRADER);
    const { signalId } = await approveFor(traderId, { symbol: "AAPL", timeframe: "5m" });
    await expect.poll(() => trader.stored.get(signalId)).toBeDefined();
    const signal = trader.stored.get(signalId)!;
    expect(signal).toMatchObject({
      type: "signal_approved",
      symbol: "AAPL",
      pattern_type: "SPRING",
      confidence_score: 92.5,
      confidence_grade: "A+",
      entry_price: "150.25",
      stop_loss: "149.50",
      target_price: "152.75",
      risk_amount: "75.00",
      risk_percentage: 1.5,
      r_multiple: 3.33,
      shares: 100,
      position_value: "15025.00",
    });
    expect(signal.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(signal.expires_at) - Date.parse(signal.timestamp)).toBe(300_000);
    trader.close();
  });

  it("reaches only the user it is for", async () => {
    const a = await connectTrader(server.url, TRADER);
    const b = await connectTrader(server.url, TRADER2);
    const { signalId } = await approveFor(traderId);
    await expect.poll(() => a.stored.has(signalId)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.arrivals).toHaveLength(0);
    a.close();
    b.close();
  });

  it("retries after 100, 500 and 2000 ms when no ack comes, then logs the delivery as failed", async () => {
    const silent = await connectTrader(server.url, TRADER, { ackWhen: () => false });
    const failuresBefore = await metricValue(server.url, 'signal_notification_failures_total{reason="timeout"}');
    const retriesBefore = await metricValue(server.url, "signal_notification_retries_total");
    const failedBefore = await metricValue(server.url, 'signal_notifications_sent_total{outcome="failed"}');
    const { signalId } = await approveFor(traderId);

    await expect.poll(() => silent.copiesOf(signalId).length, { timeout: 10_000 }).toBe(4);
    const copies = silent.copiesOf(signalId);
    const gaps = copies.slice(1).map((arrival, i) => arrival.at - copies[i]!.at - ACK_TIMEOUT_MS);
    // Each gap is the ack timeout plus the policy's wait; timers never fire early, and 250 ms of slack
    // covers a busy two-core machine running other test files alongside.
    [100, 500, 2000].forEach((expected, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(expected - 10);
      expect(gaps[i]).toBeLessThan(expected + 250);
    });
    await expect.poll(() => deliveryLog(signalId), { timeout: 5000 }).toHaveLength(4);
    expect((await deliveryLog(signalId)).map((row) => [row.attempt, row.outcome])).toEqual([
      [1, "timeout"],
      [2, "timeout"],
      [3, "timeout"],
      [4, "timeout"],
    ]);
    await expect.poll(() => metricValue(server.url, 'signal_notifications_sent_total{outcome="failed"}')).toBe(failedBefore + 1);
    // One failed delivery (all four attempts used), labelled by its last attempt's outcome — not one per attempt.
    expect(await metricValue(server.url, 'signal_notification_failures_total{reason="timeout"}')).toBe(failuresBefore + 1);
    expect(await metricValue(server.url, "signal_notification_retries_total")).toBe(retriesBefore + 3);
    // Nobody acked, so the stored signal records no delivery.
    const signals = (await (await authedFetch(server.url, silent.session, "/api/signals?status=pending")).json()) as Array<{
      signal_id: string;
      acked_at: string | null;
    }>;
    expect(signals.find((s) => s.signal_id === signalId)?.acked_at).toBeNull();
    silent.close();
  });

  it("ends delivered on attempt 3 when only the third copy is acked", async () => {
    const late = await connectTrader(server.url, TRADER, { ackWhen: (copy) => copy === 3 });
    const { signalId } = await approveFor(traderId);
    await expect.poll(() => deliveryLog(signalId), { timeout: 5000 }).toHaveLength(3);
    expect((await deliveryLog(signalId)).map((row) => row.outcome)).toEqual(["timeout", "timeout", "delivered"]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(late.copiesOf(signalId)).toHaveLength(3);
    // The client kept one copy of the three it saw.
    expect(late.stored.get(signalId)?.signal_id).toBe(signalId);
    late.close();
  });

  it("counts an empty room as a failed attempt, then replays once to the user's next socket", async () => {
    const { signalId } = await approveFor(trader2Id);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const trader = await connectTrader(server.url, TRADER2);
    await expect.poll(() => trader.stored.has(signalId)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(trader.copiesOf(signalId)).toHaveLength(1);
    const log = await deliveryLog(signalId);
    expect(log[0]).toMatchObject({ attempt: 1, outcome: "no_connection", sockets: 0 });
    expect(log.filter((row) => row.outcome === "replayed" || row.outcome === "delivered")).toHaveLength(1);
    trader.close();
  });

  it("delivers to both tabs of one user; one ack is enough", async () => {
    const tab1 = await connectTrader(server.url, TRADER);
    const tab2 = await connectTrader(server.url, TRADER, { session: tab1.session, ackWhen: () => false });
    const { signalId } = await approveFor(traderId);
    await expect.poll(() => tab1.stored.has(signalId) && tab2.stored.has(signalId)).toBe(true);
    await expect.poll(() => deliveryLog(signalId), { timeout: 3000 }).toMatchObject([{ attempt: 1, outcome: "delivered", sockets: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const log = await deliveryLog(signalId);
    expect(log).toHaveLength(1);
    // The silent tab does not hold the delivery up: it is recorded at the first ack, not at the ack timeout.
    expect(log[0]!.latency_ms).toBeLessThan(ACK_TIMEOUT_MS / 2);
    tab1.close();
    tab2.close();
  });

  it("stores a retried signal once when the first ack was lost", async () => {
    const lossy = await connectTrader(server.url, TRADER, { ackWhen: (copy) => copy > 1 });
    const { signalId } = await approveFor(traderId);
    await expect.poll(() => deliveryLog(signalId), { timeout: 3000 }).toHaveLength(2);
    expect(lossy.copiesOf(signalId)).toHaveLength(2);
    // The receiver and the dashboard's store kept one copy and announced it once.
    expect(lossy.stored.ids().filter((id) => id === signalId)).toHaveLength(1);
    expect(lossy.shown.filter((id) => id === signalId)).toHaveLength(1);
    lossy.close();
  });
});

describe("expiry and restarts", () => {
  it("never sends an expired signal, and tells the user's tabs it expired", async () => {
    const shortLived = await startTestServer({ SIGNAL_TTL_SECONDS: "2", NOTIFY_ACK_TIMEOUT_MS: "200" });
    try {
      const userId = await userIdOf(shortLived.url, TRADER);
      const answer = await postPattern(shortLived.url, aaplSpring({ user_ids: [userId] }));
      const signalId = answer.body.signals[0]!.signal_id;
      const watcher = await connectTrader(shortLived.url, TRADER, { ackWhen: () => false });
      const updates: unknown[] = [];
      watcher.socket.on("signal_updated", (update) => updates.push(update));
      await expect.poll(() => updates, { timeout: 5000 }).toEqual([{ signal_id: signalId, status: "expired" }]);
      watcher.close();
      const late = await connectTrader(shortLived.url, TRADER);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(late.arrivals).toHaveLength(0);
      late.close();
    } finally {
      await shortLived.stop();
    }
  });

  it("keeps a pending delivery across a restart and delivers it when the user connects", async () => {
    const env = { DATABASE_URL: freshDatabaseUrl(), AUTH_SECRET: "restart-test-secret-0123456789abcdef" };
    const first = await startTestServer(env);
    const userId = await userIdOf(first.url, TRADER);
    const answer = await postPattern(first.url, aaplSpring({ user_ids: [userId] }));
    const signalId = answer.body.signals[0]!.signal_id;
    expect(await first.stop()).toBe(0);

    // Restarted with another default time to act: users who never set their own follow it.
    const second = await startTestServer({ ...env, SIGNAL_TTL_SECONDS: "120" });
    try {
      const trader = await connectTrader(second.url, TRADER);
      await expect.poll(() => trader.stored.has(signalId)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(trader.arrivals).toHaveLength(1);
      const later = await postPattern(second.url, aaplSpring({ symbol: "TTL", user_ids: [userId] }));
      await expect.poll(() => trader.stored.get(later.body.signals[0]!.signal_id)).toBeDefined();
      const signal = trader.stored.get(later.body.signals[0]!.signal_id)!;
      expect(Date.parse(signal.expires_at) - Date.parse(signal.timestamp)).toBe(120_000);
      trader.close();
    } finally {
      await second.stop();
    }
  });
});
