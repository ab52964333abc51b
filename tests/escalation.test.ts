import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UserStore } from "@/server/auth/user-store";
import type { Clock } from "@/server/clock";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import { rootLogger } from "@/server/logger";
import { createMetrics } from "@/server/metrics";
import { OutboxStore } from "@/server/notifications/outbox-store";
import { DeliveryLog } from "@/server/notifications/delivery-log";
import { EscalationService } from "@/server/notifications/escalation/escalation-service";
import { EscalationStore } from "@/server/notifications/escalation/escalation-store";
import { TargetGuard } from "@/server/notifications/outbound/target-guard";
import { PushSubscriptionStore } from "@/server/notifications/push/push-subscription-store";
import { WebhookSender } from "@/server/notifications/webhook/webhook-sender";
import { WebhookSettingsStore } from "@/server/notifications/webhook/webhook-settings";
import { PatternStore } from "@/server/pipeline/pattern-store";
import { type SignalRow, SignalStore } from "@/server/pipeline/signal-store";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";
import { aaplSpring } from "./support/patterns";
import { signalRow } from "./support/signal-row";
import { freshDatabaseUrl } from "./support/test-server";

const POSTGRES_URL = `postgres://postgres@127.0.0.1:5432/test?schema=e_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
const T0 = 1_700_000_000_000;
const silent = rootLogger.child({ ns: "test" }, { level: "silent" });

/** Time that moves only when the test says so: retry delays and expiry are checked exactly. */
function fakeClock(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, sleep: () => Promise.resolve(), set: (ms) => (now = ms) };
}

describe.each([
  ["SQLite", () => freshDatabaseUrl()],
  ["PostgreSQL", () => POSTGRES_URL],
])("escalation on %s", (_name, url) => {
  let handle: DatabaseHandle;
  /** A tab's ack, booked as the delivery core books it (one group commit). */
  const markDelivered = async (signalId: string, attempts: number, ackedAt: number) => {
    await new OutboxStore(handle).commit([{ kind: "acked", signalId, attempts, ackedAt }], []);
  };
  let users: UserStore;
  let signals: SignalStore;
  let store: EscalationStore;
  let log: DeliveryLog;
  let receiver: HttpReceiver;
  let patternId: string;
  const clock = fakeClock(T0);

  function service(nodeId: string, metrics = createMetrics()) {
    const targets = new TargetGuard(true);
    return new EscalationService({
      store,
      signals,
      users,
      subscriptions: new PushSubscriptionStore(handle.db),
      push: null,
      webhook: new WebhookSender(targets, clock),
      log,
      metrics,
      logger: silent,
      clock,
      nodeId,
      emailOf: () => Promise.resolve("trader@example.com"),
    });
  }

  async function traderWithWebhook(path: string, mode: "when_unacked" | "always"): Promise<string> {
    const user = await users.create({
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
      role: "trader",
      preferences: {
        equity: "5000.00",
        risk_percentage: 1.5,
        min_confidence: 70,
        min_r_multiple: 2,
        watchlist: [],
        sound: true,
        desktop_notifications: false,
        webhook_url: `${receiver.origin}${path}`,
        webhook_mode: mode,
      },
    });
    await new WebhookSettingsStore(handle.db).ensureSecret(user.id);
    return user.id;
  }

  async function approvedSignal(userId: string, ttlMs: number): Promise<SignalRow> {
    const now = clock.now();
    const row = signalRow({
      pattern_id: patternId,
      user_id: userId,
      created_at: now,
      approved_at: now,
      expires_at: now + ttlMs,
      delivery_state: "pending",
      delivery_attempts: 0,
      acked_at: null,
      delivery_owner: "node-a",
      lease_until: now + 10_000,
    });
    await signals.insertMany([row]);
    return row;
  }

  async function logOf(signalId: string) {
    await log.flush();
    return (await log.query({ signal: signalId, limit: 50 })).rows
      .reverse()
      .map((row) => ({ channel: row.channel, attempt: row.attempt, outcome: row.outcome }));
  }

  /** Moves the clock and lets the sweep make whatever is due, then waits for those sends to finish. */
  async function advanceTo(node: EscalationService, ms: number) {
    clock.set(ms);
    await node.runDue();
    await node.settled();
  }

  beforeAll(async () => {
    handle = await openDatabase(url());
    users = new UserStore(handle.db);
    signals = new SignalStore(handle.db);
    store = new EscalationStore(handle.db, handle.dialect);
    log = new DeliveryLog(handle, silent);
    receiver = await startReceiver();
    const owner = await users.create({
      email: `owner-${randomUUID()}@example.com`,
      passwordHash: "x",
      role: "trader",
      preferences: {
        equity: "1.00",
        risk_percentage: 1,
        min_confidence: 0,
        min_r_multiple: 0,
        watchlist: [],
        sound: false,
        desktop_notifications: false,
      },
    });
    patternId = randomUUID();
    await new PatternStore(handle.db).insert(patternId, aaplSpring(), "api", T0);
    expect(owner.id).toBeTruthy();
  });
  afterAll(async () => {
    await receiver.close();
    await handle.close();
  });
  beforeEach(() => clock.set(T0));

  it("retries a webhook at exactly 1 s and 10 s with one delivery id, and stops when the next try would be after expiry", async () => {
    const path = `/retry-${randomUUID()}`;
    receiver.answer(path, { status: 500 });
    const userId = await traderWithWebhook(path, "when_unacked");
    const signal = await approvedSignal(userId, 30_000);
    const node = service("node-a");

    node.attemptEnded(signal, "no_connection", false);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(1);
    await advanceTo(node, T0 + 999);
    expect(receiver.to(path)).toHaveLength(1);
    await advanceTo(node, T0 + 1000);
    expect(receiver.to(path)).toHaveLength(2);
    await advanceTo(node, T0 + 1000 + 9_999);
    expect(receiver.to(path)).toHaveLength(2);
    await advanceTo(node, T0 + 11_000);
    expect(receiver.to(path)).toHaveLength(3);
    // The 60 s retry would land after expiry (30 s): the send is over.
    await advanceTo(node, T0 + 71_000);
    expect(receiver.to(path)).toHaveLength(3);

    const ids = new Set(receiver.to(path).map((request) => request.headers["x-signal-desk-delivery"]));
    expect(ids.size).toBe(1);
    expect((await store.listForSignal(signal.id)).map((row) => [row.state, row.attempts])).toEqual([["failed", 3]]);
    expect(await logOf(signal.id)).toEqual([
      { channel: "webhook", attempt: 1, outcome: "error" },
      { channel: "webhook", attempt: 2, outcome: "error" },
      { channel: "webhook", attempt: 3, outcome: "error" },
    ]);
  });

  it("counts a webhook that gave up in the sent and failure metrics with its channel", async () => {
    const path = `/metrics-${randomUUID()}`;
    receiver.answer(path, { status: 500 });
    const userId = await traderWithWebhook(path, "when_unacked");
    const signal = await approvedSignal(userId, 5_000);
    const metrics = createMetrics();
    const node = service("node-a", metrics);
    node.attemptEnded(signal, "no_connection", false);
    await node.settled();
    // Retry at 1 s; the next one (10 s) would be after expiry (5 s), so the send gives up there.
    await advanceTo(node, T0 + 1000);
    expect(receiver.to(path)).toHaveLength(2);
    const text = await metrics.registry.metrics();
    expect(text).toContain('signal_notifications_sent_total{outcome="failed",channel="webhook"} 1');
    expect(text).toContain('signal_notification_failures_total{reason="error",channel="webhook"} 1');
    expect((await store.listForSignal(signal.id))[0]).toMatchObject({ state: "failed", attempts: 2 });
  });

  it("keeps one push subscription per endpoint: a second save updates it, and it can move to another user", async () => {
    const subscriptions = new PushSubscriptionStore(handle.db);
    const [a, b] = [await traderWithWebhook("/unused-a", "when_unacked"), await traderWithWebhook("/unused-b", "when_unacked")];
    const endpoint = `https://push.example.com/${randomUUID()}`;
    const keys = (p256dh: string) => ({ endpoint, keys: { p256dh, auth: "A".repeat(22) } });
    await subscriptions.save(a, keys("B".repeat(87)), T0);
    await subscriptions.save(a, keys("C".repeat(87)), T0 + 1);
    expect((await subscriptions.listFor(a)).map((row) => row.p256dh)).toEqual(["C".repeat(87)]);
    const [before] = await subscriptions.listFor(a);
    await subscriptions.save(b, keys("D".repeat(87)), T0 + 2);
    expect(await subscriptions.listFor(a)).toEqual([]);
    // A send still pending for `a` names the old row: it must not find `b`'s browser there.
    expect(await subscriptions.findById(before!.id)).toBeUndefined();
    expect(await subscriptions.remove(b, endpoint)).toBe(true);
    expect(await subscriptions.listFor(b)).toEqual([]);
  });

  it("sends nothing to a disabled user, and a pending retry stops once the user is disabled", async () => {
    const path = `/disabled-${randomUUID()}`;
    receiver.answer(path, { status: 500 });
    const userId = await traderWithWebhook(path, "when_unacked");
    const signal = await approvedSignal(userId, 300_000);
    const node = service("node-a");
    node.attemptEnded(signal, "no_connection", false);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(1);
    await users.setDisabled(userId, true, T0);
    await advanceTo(node, T0 + 1000);
    expect(receiver.to(path)).toHaveLength(1);
    const later = await approvedSignal(userId, 300_000);
    node.attemptEnded(later, "no_connection", false);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(1);
  });

  it("escalates once per channel: a later `failed` after `no_connection` sends nothing more", async () => {
    const path = `/once-${randomUUID()}`;
    const userId = await traderWithWebhook(path, "when_unacked");
    const signal = await approvedSignal(userId, 300_000);
    const node = service("node-a");
    node.attemptEnded(signal, "no_connection", false);
    node.attemptEnded(signal, "no_connection", false);
    await node.settled();
    node.attemptEnded(signal, "timeout", true);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(1);
  });

  it("never escalates a signal a tab acked, and drops a pending retry once a tab acks", async () => {
    const path = `/acked-${randomUUID()}`;
    receiver.answer(path, { status: 503 });
    const userId = await traderWithWebhook(path, "when_unacked");
    const acked = await approvedSignal(userId, 300_000);
    await markDelivered(acked.id, 1, T0 + 5);
    const node = service("node-a");
    node.attemptEnded(acked, "timeout", true);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(0);

    const later = await approvedSignal(userId, 300_000);
    node.attemptEnded(later, "no_connection", false);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(1);
    await markDelivered(later.id, 2, T0 + 500);
    await advanceTo(node, T0 + 1000);
    expect(receiver.to(path)).toHaveLength(1);
    expect((await store.listForSignal(later.id))[0]?.state).toBe("cancelled");
  });

  it("sends an `always` webhook at approval even when a tab acks", async () => {
    const path = `/always-${randomUUID()}`;
    const userId = await traderWithWebhook(path, "always");
    const signal = await approvedSignal(userId, 300_000);
    await markDelivered(signal.id, 1, T0 + 5);
    // In the same approval batch: a `when_unacked` webhook waits for escalation, a disabled user gets nothing.
    const unackedPath = `/unacked-${randomUUID()}`;
    const unacked = await approvedSignal(await traderWithWebhook(unackedPath, "when_unacked"), 300_000);
    const disabledPath = `/disabled-always-${randomUUID()}`;
    const disabledUser = await traderWithWebhook(disabledPath, "always");
    await users.setDisabled(disabledUser, true, T0);
    const disabled = await approvedSignal(disabledUser, 300_000);
    const node = service("node-a");
    node.approved([signal, unacked, disabled]);
    await node.settled();
    expect(receiver.to(path)).toHaveLength(1);
    expect(receiver.to(unackedPath)).toHaveLength(0);
    expect(receiver.to(disabledPath)).toHaveLength(0);
    expect(await logOf(signal.id)).toEqual([{ channel: "webhook", attempt: 1, outcome: "delivered" }]);
  });

  it("survives a restart: a send whose node died is taken over after its lease by exactly one node, and an expired one is logged, not sent", async () => {
    const path = `/takeover-${randomUUID()}`;
    const userId = await traderWithWebhook(path, "when_unacked");
    const signal = await approvedSignal(userId, 60_000);
    // Node A claimed the send and died before making it.
    await store.create(
      [{ signal_id: signal.id, user_id: userId, channel: "webhook", target: "webhook", mode: "escalation" }],
      "node-a",
      T0,
      15_000,
    );
    const [b, c] = [service("node-b"), service("node-c")];
    await Promise.all([advanceTo(b, T0 + 14_999), advanceTo(c, T0 + 14_999)]);
    expect(receiver.to(path)).toHaveLength(0);
    clock.set(T0 + 15_001);
    await Promise.all([b.runDue(), c.runDue()]);
    await Promise.all([b.settled(), c.settled()]);
    expect(receiver.to(path)).toHaveLength(1);

    const late = await approvedSignal(userId, 5_000);
    await store.create(
      [{ signal_id: late.id, user_id: userId, channel: "webhook", target: "webhook", mode: "escalation" }],
      "node-a",
      clock.now(),
      15_000,
    );
    await advanceTo(b, clock.now() + 20_000);
    expect(receiver.to(path)).toHaveLength(1);
    expect(await logOf(late.id)).toEqual([{ channel: "webhook", attempt: 1, outcome: "expired" }]);
  });
});
