import { randomUUID } from "node:crypto";
import webPush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserStore } from "@/server/auth/user-store";
import type { Clock } from "@/server/clock";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import { rootLogger } from "@/server/logger";
import { createMetrics } from "@/server/metrics";
import { DeliveryLog } from "@/server/notifications/delivery-log";
import { EscalationService } from "@/server/notifications/escalation/escalation-service";
import { EscalationStore, type NewEscalation } from "@/server/notifications/escalation/escalation-store";
import { TargetGuard } from "@/server/notifications/outbound/target-guard";
import { PushSender } from "@/server/notifications/push/push-sender";
import { MAX_PUSH_SUBSCRIPTIONS, PushSubscriptionStore } from "@/server/notifications/push/push-subscription-store";
import { WebhookSender } from "@/server/notifications/webhook/webhook-sender";
import { WebhookSettingsStore } from "@/server/notifications/webhook/webhook-settings";
import { PatternStore } from "@/server/pipeline/pattern-store";
import { SignalStore } from "@/server/pipeline/signal-store";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";
import { TRADER_PREFERENCES } from "./support/auth-fixture";
import { aaplSpring } from "./support/patterns";
import { browserKeys } from "./support/push-crypto";
import { signalRow } from "./support/signal-row";
import { freshDatabaseUrl } from "./support/test-server";

// Issue 23 item 5: 2,731 push subscriptions of one user made the escalation's one INSERT pass SQLite's 32,766
// bound parameters; it failed and the webhook's row, in the same statement, went with it. Now a user keeps their
// 10 newest browsers, an escalation sends to at most 10, and the insert goes in chunks whatever it holds.
const POSTGRES_URL = `postgres://postgres@127.0.0.1:5432/test?schema=cap_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
const T0 = 1_700_000_000_000;
const silent = rootLogger.child({ ns: "test" }, { level: "silent" });
const clock: Clock = { now: () => T0, sleep: () => Promise.resolve() };
/** What the issue counted: one more and a single insert of them (12 columns a row) overflows. */
const LEGACY_SUBSCRIPTIONS = 2731;

describe.each([
  ["SQLite", () => freshDatabaseUrl()],
  ["PostgreSQL", () => POSTGRES_URL],
])("push subscription cap on %s", (_name, url) => {
  let handle: DatabaseHandle;
  let users: UserStore;
  let subscriptions: PushSubscriptionStore;
  let receiver: HttpReceiver;
  let patternId: string;

  async function trader(webhookPath: string | null): Promise<string> {
    const user = await users.create({
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
      role: "trader",
      preferences: {
        ...TRADER_PREFERENCES,
        equity: "5000.00",
        push: true,
        ...(webhookPath ? { webhook_url: `${receiver.origin}${webhookPath}`, webhook_mode: "when_unacked" as const } : {}),
      },
    });
    if (webhookPath) await new WebhookSettingsStore(handle.db).ensureSecret(user.id);
    return user.id;
  }

  const endpoint = (n: number) => `${receiver.origin}/push/${n}`;

  beforeAll(async () => {
    handle = await openDatabase(url());
    users = new UserStore(handle.db);
    subscriptions = new PushSubscriptionStore(handle.db);
    receiver = await startReceiver();
    patternId = randomUUID();
    await new PatternStore(handle.db).insert(patternId, aaplSpring(), "api", T0);
  });
  afterAll(async () => {
    await receiver.close();
    await handle.close();
  });

  it("keeps a user's 10 newest subscriptions: the 11th and 12th replace the two oldest", async () => {
    const userId = await trader(null);
    const other = await trader(null);
    const keys = browserKeys();
    await subscriptions.save(other, { endpoint: endpoint(-1), keys }, T0);
    for (let n = 1; n <= 12; n++) await subscriptions.save(userId, { endpoint: endpoint(n), keys }, T0 + n);

    expect(MAX_PUSH_SUBSCRIPTIONS).toBe(10);
    const kept = await handle.db.selectFrom("push_subscriptions").select("endpoint").where("user_id", "=", userId).execute();
    expect(kept.map((row) => row.endpoint).sort()).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(endpoint).sort());
    // Saving a kept browser again updates it and removes nothing; another user's browsers are untouched.
    await subscriptions.save(userId, { endpoint: endpoint(3), keys }, T0 + 20);
    expect((await subscriptions.listFor(userId)).map((row) => row.endpoint)).toEqual([3, 12, 11, 10, 9, 8, 7, 6, 5, 4].map(endpoint));
    expect((await subscriptions.listFor(other)).map((row) => row.endpoint)).toEqual([endpoint(-1)]);
  });

  it("inserts 3,000 escalation sends in one call (chunked below the bound-parameter limit)", async () => {
    const userId = await trader(null);
    const signalId = randomUUID();
    const sends: NewEscalation[] = Array.from({ length: 3000 }, (_, n) => ({
      signal_id: signalId,
      user_id: userId,
      channel: "push",
      target: `target-${n}`,
      mode: "escalation",
    }));
    const store = new EscalationStore(handle.db, handle.dialect);
    expect(await store.create(sends, "node-a", T0, 15_000)).toHaveLength(3000);
    // A second call (a racing trigger) creates none of them again.
    expect(await store.create(sends, "node-a", T0, 15_000)).toHaveLength(0);
  });

  it(`escalates a user holding ${LEGACY_SUBSCRIPTIONS} subscriptions from before the cap: the webhook goes, and 10 pushes`, async () => {
    const path = `/hook-${randomUUID()}`;
    const userId = await trader(path);
    const keys = browserKeys();
    // Stored straight in the table, as they were before the cap; in chunks, for the same limit.
    const rows = Array.from({ length: LEGACY_SUBSCRIPTIONS }, (_, n) => ({
      id: randomUUID(),
      user_id: userId,
      endpoint: `${endpoint(n)}-${userId}`,
      p256dh: keys.p256dh,
      auth: keys.auth,
      created_at: T0 - LEGACY_SUBSCRIPTIONS + n,
    }));
    for (let start = 0; start < rows.length; start += 500) {
      await handle.db
        .insertInto("push_subscriptions")
        .values(rows.slice(start, start + 500))
        .execute();
    }
    const signal = signalRow({
      pattern_id: patternId,
      user_id: userId,
      created_at: T0,
      approved_at: T0,
      expires_at: T0 + 60_000,
      delivery_state: "pending",
      delivery_attempts: 0,
      acked_at: null,
      delivery_owner: "node-a",
      lease_until: T0 + 10_000,
    });
    await new SignalStore(handle.db).insertMany([signal]);
    const store = new EscalationStore(handle.db, handle.dialect);
    const vapid = webPush.generateVAPIDKeys();
    const targets = new TargetGuard(true);
    const service = new EscalationService({
      store,
      signals: new SignalStore(handle.db),
      users,
      subscriptions,
      push: new PushSender({ ...vapid, subject: "mailto:ops@example.com" }, targets, clock),
      webhook: new WebhookSender(targets, clock),
      log: new DeliveryLog(handle, silent),
      metrics: createMetrics(),
      logger: silent,
      clock,
      nodeId: "node-a",
      emailOf: () => Promise.resolve("trader@example.com"),
    });

    service.attemptEnded(signal, "no_connection", false);
    await service.settled();

    const sends = await store.listForSignal(signal.id);
    expect(sends.filter((send) => send.channel === "webhook").map((send) => send.state)).toEqual(["delivered"]);
    expect(receiver.to(path)).toHaveLength(1);
    // The 10 newest browsers, each pushed once.
    const pushed = new Set(sends.filter((send) => send.channel === "push").map((send) => send.target));
    expect(pushed).toEqual(new Set(rows.slice(-MAX_PUSH_SUBSCRIPTIONS).map((row) => row.id)));
    expect(receiver.requests.filter((request) => request.path.startsWith("/push/") && request.path.endsWith(userId))).toHaveLength(10);
  });
});
