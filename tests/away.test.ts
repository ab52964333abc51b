import { createHmac } from "node:crypto";
import webPush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import { SignalNotificationSchema } from "@/lib/signal-notification";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";
import { metricValue } from "./support/metrics";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { browserKeys, decryptPushMessage, verifyVapid, type BrowserKeys } from "./support/push-crypto";
import { authedFetch, signIn, type SignedIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";
import { connectTrader, userIdOf } from "./support/trader-client";

const TRADER = "trader@example.com";
const TRADER2 = "trader2@example.com";
const admin = DEMO_USERS.find((user) => user.role === "admin")!;
const vapid = webPush.generateVAPIDKeys();
const SUBJECT = "mailto:ops@signal-desk.example";

let server: TestServer;
let pushService: HttpReceiver;
let hooks: HttpReceiver;
let adminSession: SignedIn;
let pushTrader: SignedIn;
let hookTrader: SignedIn;
let pushTraderId: string;
let hookTraderId: string;

async function approveFor(userId: string): Promise<string> {
  const answer = await postPattern(server.url, aaplSpring({ symbol: uniqueSymbol(), user_ids: [userId] }));
  expect(answer.status).toBe(201);
  expect(answer.body.signals[0]?.status).toBe("approved");
  return answer.body.signals[0]!.signal_id;
}

function send(session: SignedIn, method: string, path: string, body: unknown) {
  return authedFetch(server.url, session, path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function updatePreferences(session: SignedIn, changes: Record<string, unknown>) {
  const current = (await (await authedFetch(server.url, session, "/api/me/preferences")).json()) as Record<string, unknown>;
  return send(session, "PUT", "/api/me/preferences", { ...current, ...changes });
}

async function deliveryLog(signalId: string): Promise<DeliveryLogRow[]> {
  const response = await authedFetch(server.url, adminSession, `/api/admin/deliveries?signal=${signalId}&limit=50`);
  return ((await response.json()) as { rows: DeliveryLogRow[] }).rows.reverse();
}

async function subscribe(path: string): Promise<BrowserKeys> {
  const keys = browserKeys();
  const response = await send(pushTrader, "POST", "/api/me/push-subscriptions", {
    endpoint: `${pushService.origin}${path}`,
    expirationTime: null,
    keys: { p256dh: keys.p256dh, auth: keys.auth },
  });
  expect(response.status).toBe(201);
  return keys;
}

async function unsubscribe(path: string) {
  expect((await send(pushTrader, "DELETE", "/api/me/push-subscriptions", { endpoint: `${pushService.origin}${path}` })).status).toBe(204);
}

beforeAll(async () => {
  [pushService, hooks] = await Promise.all([startReceiver(), startReceiver()]);
  server = await startTestServer({
    NOTIFY_ACK_TIMEOUT_MS: "300",
    WEBHOOK_ALLOW_PRIVATE: "true",
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: SUBJECT,
  });
  const trader = DEMO_USERS.find((user) => user.email === TRADER)!;
  const trader2 = DEMO_USERS.find((user) => user.email === TRADER2)!;
  [adminSession, pushTrader, hookTrader] = await Promise.all([
    signIn(server.url, admin.email, admin.password),
    signIn(server.url, trader.email, trader.password),
    signIn(server.url, trader2.email, trader2.password),
  ]);
  [pushTraderId, hookTraderId] = await Promise.all([userIdOf(server.url, TRADER), userIdOf(server.url, TRADER2)]);
});
afterAll(async () => {
  await server.stop();
  await Promise.all([pushService.close(), hooks.close()]);
});

describe("Web Push", () => {
  it("serves the VAPID public key to anyone", async () => {
    const response = await fetch(`${server.url}/api/push/public-key`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ public_key: vapid.publicKey });
  });

  it("sends the exact SignalNotification, encrypted for the subscription and signed with VAPID, when no tab is open", async () => {
    expect((await updatePreferences(pushTrader, { push: true })).status).toBe(200);
    const keys = await subscribe("/push/main");
    const deliveredBefore = await metricValue(server.url, 'signal_notifications_sent_total{outcome="delivered",channel="push"}');
    const signalId = await approveFor(pushTraderId);
    await expect.poll(() => pushService.to("/push/main").length).toBe(1);
    const request = pushService.to("/push/main")[0]!;

    const claims = verifyVapid(request.headers.authorization, vapid.publicKey);
    expect(claims.aud).toBe(pushService.origin);
    expect(claims.sub).toBe(SUBJECT);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000);
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(request.headers.urgency).toBe("high");

    const pushed = SignalNotificationSchema.parse(JSON.parse(decryptPushMessage(request.body, keys)));
    expect(pushed.signal_id).toBe(signalId);
    // TTL = seconds until expires_at, counted when the message left.
    const ttl = Number(request.headers.ttl);
    expect(Math.abs(ttl - (Date.parse(pushed.expires_at) - request.at) / 1000)).toBeLessThanOrEqual(2);

    // The same notification a tab gets: open one now and compare with the replayed copy.
    const tab = await connectTrader(server.url, TRADER, { session: pushTrader });
    await expect.poll(() => tab.stored.get(signalId)).toBeDefined();
    expect(pushed).toEqual(tab.stored.get(signalId));
    tab.close();

    await expect
      .poll(async () => (await deliveryLog(signalId)).filter((row) => row.channel === "push"))
      .toMatchObject([{ channel: "push", attempt: 1, outcome: "delivered", sockets: 0 }]);
    expect(await metricValue(server.url, 'signal_notifications_sent_total{outcome="delivered",channel="push"}')).toBe(deliveredBefore + 1);
    await unsubscribe("/push/main");
  });

  it("deletes a subscription the push service calls gone (410) and retries a 500 after 1 s", async () => {
    pushService.answer("/push/gone", { status: 410 });
    pushService.answer("/push/flaky", { status: 500 }, { status: 201 });
    await subscribe("/push/gone");
    await subscribe("/push/flaky");
    const first = await approveFor(pushTraderId);
    await expect.poll(() => pushService.to("/push/flaky").length, { timeout: 15_000 }).toBe(2);
    const [failed, retried] = pushService.to("/push/flaky");
    expect(retried!.at - failed!.at).toBeGreaterThanOrEqual(900);
    expect(pushService.to("/push/gone")).toHaveLength(1);
    await expect
      .poll(async () => (await deliveryLog(first)).filter((row) => row.channel === "push").map((row) => [row.attempt, row.outcome]))
      .toEqual(
        expect.arrayContaining([
          [1, "error"],
          [1, "error"],
          [2, "delivered"],
        ]),
      );
    const gone = (await deliveryLog(first)).find((row) => row.error?.includes("410"));
    expect(gone?.error).toBe("subscription gone (410); deleted");

    // The next signal goes only to the subscription that still exists.
    const second = await approveFor(pushTraderId);
    await expect.poll(() => pushService.to("/push/flaky").length).toBe(3);
    await expect.poll(async () => (await deliveryLog(second)).filter((row) => row.channel === "push")).toHaveLength(1);
    expect(pushService.to("/push/gone")).toHaveLength(1);
    await unsubscribe("/push/flaky");
  });

  it("test button: one is_test push to each subscribed browser now; 409 with none", async () => {
    const keys = await subscribe("/push/test");
    const response = await send(pushTrader, "POST", "/api/me/push/test", {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sent: 1, delivered: 1 });
    const [request] = pushService.to("/push/test");
    expect(JSON.parse(decryptPushMessage(request!.body, keys))).toMatchObject({ type: "signal_approved", is_test: true });
    await unsubscribe("/push/test");
    expect((await send(pushTrader, "POST", "/api/me/push/test", {})).status).toBe(409);
  });

  it("refuses a malformed subscription with 400", async () => {
    const response = await send(pushTrader, "POST", "/api/me/push-subscriptions", { endpoint: "not a url", keys: {} });
    expect(response.status).toBe(400);
  });
});

describe("webhooks", () => {
  let secret: string;

  beforeAll(async () => {
    const response = await updatePreferences(hookTrader, { webhook_url: `${hooks.origin}/hook`, webhook_mode: "when_unacked" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ webhook_url: `${hooks.origin}/hook`, webhook_mode: "when_unacked", push: false });
    const webhook = (await (await authedFetch(server.url, hookTrader, "/api/me/webhook")).json()) as {
      url: string;
      mode: string;
      secret: string;
    };
    expect(webhook).toMatchObject({ url: `${hooks.origin}/hook`, mode: "when_unacked" });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    secret = webhook.secret;
  });

  function expectSigned(request: { headers: Record<string, string | string[] | undefined>; body: Buffer }, key: string) {
    const timestamp = String(request.headers["x-signal-desk-timestamp"]);
    expect(timestamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(30);
    const expected = `sha256=${createHmac("sha256", key)
      .update(`${timestamp}.${request.body.toString("utf8")}`)
      .digest("hex")}`;
    expect(request.headers["x-signal-desk-signature"]).toBe(expected);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-signal-desk-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
  }

  it("posts the signed SignalNotification when no tab is open, and logs it on the webhook channel", async () => {
    const signalId = await approveFor(hookTraderId);
    await expect.poll(() => hooks.to("/hook").filter((r) => r.body.includes(signalId)).length).toBe(1);
    const request = hooks.to("/hook").find((r) => r.body.includes(signalId))!;
    expect(request.method).toBe("POST");
    expectSigned(request, secret);
    const body = SignalNotificationSchema.parse(JSON.parse(request.body.toString("utf8")));
    expect(body).toMatchObject({ signal_id: signalId, entry_price: "150.25", stop_loss: "149.50", target_price: "152.75", is_test: false });
    // The socket keeps its own retries; the webhook went once, right after the first attempt found no tab.
    await expect
      .poll(async () => (await deliveryLog(signalId)).map((row) => [row.channel, row.attempt, row.outcome]).slice(0, 2))
      .toEqual([
        ["socket", 1, "no_connection"],
        ["webhook", 1, "delivered"],
      ]);
    expect((await deliveryLog(signalId)).filter((row) => row.channel === "webhook")).toHaveLength(1);

    // The admin timeline names the channel of every attempt; health counts per channel.
    const story = (await (await authedFetch(server.url, adminSession, `/api/admin/signals/${signalId}`)).json()) as {
      timeline: { kind: string; channel?: string; outcome?: string }[];
    };
    expect(story.timeline.filter((event) => event.kind === "attempt").map((event) => event.channel)).toEqual(
      expect.arrayContaining(["socket", "webhook"]),
    );
    const health = (await (await authedFetch(server.url, adminSession, "/api/admin/health")).json()) as {
      channels: { channel: string; counts: Record<string, number> }[];
    };
    expect(health.channels.map((row) => row.channel)).toEqual(["socket", "push", "webhook"]);
    expect(health.channels.find((row) => row.channel === "webhook")!.counts.delivered).toBeGreaterThanOrEqual(1);
  });

  it("keeps one delivery id across retries (500, 500, then 200 after 1 s and 10 s)", { timeout: 40_000 }, async () => {
    hooks.answer("/hook", { status: 500 }, { status: 500 }, { status: 200 });
    const signalId = await approveFor(hookTraderId);
    await expect.poll(() => hooks.to("/hook").filter((r) => r.body.includes(signalId)).length, { timeout: 20_000 }).toBe(3);
    const tries = hooks.to("/hook").filter((r) => r.body.includes(signalId));
    expect(new Set(tries.map((r) => r.headers["x-signal-desk-delivery"])).size).toBe(1);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(9_500);
    for (const attempt of tries) expectSigned(attempt, secret);
    hooks.answer("/hook", { status: 200 });
  });

  it("when_unacked: a tab that acks first means no webhook; always: the webhook gets it anyway", async () => {
    const tab = await connectTrader(server.url, TRADER2, { session: hookTrader });
    const acked = await approveFor(hookTraderId);
    await expect.poll(async () => (await deliveryLog(acked)).map((row) => row.outcome)).toEqual(["delivered"]);

    expect((await updatePreferences(hookTrader, { webhook_mode: "always" })).status).toBe(200);
    const always = await approveFor(hookTraderId);
    await expect.poll(() => hooks.to("/hook").filter((r) => r.body.includes(always)).length).toBe(1);
    await expect
      .poll(async () => (await deliveryLog(always)).map((row) => [row.channel, row.outcome]).sort())
      .toEqual([
        ["socket", "delivered"],
        ["webhook", "delivered"],
      ]);
    // Both signals were handled in order; the acked one never reached the webhook.
    expect(hooks.to("/hook").filter((r) => r.body.includes(acked))).toHaveLength(0);
    expect((await deliveryLog(acked)).map((row) => row.channel)).toEqual(["socket"]);
    tab.close();
    expect((await updatePreferences(hookTrader, { webhook_mode: "when_unacked" })).status).toBe(200);
  });

  it("test button: sends one is_test notification now and answers the webhook's status", async () => {
    hooks.answer("/hook", { status: 202 });
    const response = await send(hookTrader, "POST", "/api/me/webhook/test", {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 202, delivered: true, error: null });
    const request = hooks.to("/hook").at(-1)!;
    expectSigned(request, secret);
    expect(JSON.parse(request.body.toString("utf8"))).toMatchObject({ type: "signal_approved", is_test: true });
    hooks.answer("/hook", { status: 200 });
  });

  it("rotates the secret: the old one stops verifying", async () => {
    const rotated = (await (await send(hookTrader, "POST", "/api/me/webhook/rotate", {})).json()) as { secret: string };
    expect(rotated.secret).not.toBe(secret);
    expect((await (await authedFetch(server.url, hookTrader, "/api/me/webhook")).json()) as { secret: string }).toMatchObject({
      secret: rotated.secret,
    });
    await send(hookTrader, "POST", "/api/me/webhook/test", {});
    expectSigned(hooks.to("/hook").at(-1)!, rotated.secret);
    secret = rotated.secret;
  });

  it("off disables the webhook", async () => {
    expect((await updatePreferences(hookTrader, { webhook_mode: "off" })).status).toBe(200);
    const before = hooks.requests.length;
    const signalId = await approveFor(hookTraderId);
    await expect.poll(async () => (await deliveryLog(signalId)).map((row) => row.outcome).slice(0, 1)).toEqual(["no_connection"]);
    // Another user's escalation made afterwards arrives; this one never did.
    const pushed = await approveFor(pushTraderId);
    await expect.poll(async () => (await deliveryLog(pushed)).length).toBeGreaterThan(0);
    expect(hooks.requests.slice(before).filter((r) => r.body.includes(signalId))).toHaveLength(0);
  });
});
