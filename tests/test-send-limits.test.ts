import webPush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";
import { browserKeys } from "./support/push-crypto";
import { authedFetch, signIn, type SignedIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";

// Issue 23 item 5: the settings' test buttons reach third-party hosts at once, so each is limited per user:
// 5 a minute per channel, then 429 with Retry-After, and nothing more is sent.
const vapid = webPush.generateVAPIDKeys();
const [trader, trader2] = [DEMO_USERS[0]!, DEMO_USERS[1]!];

let server: TestServer;
let receiver: HttpReceiver;
let first: SignedIn;
let second: SignedIn;

function post(session: SignedIn, path: string, body: unknown = {}) {
  return authedFetch(server.url, session, path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  receiver = await startReceiver();
  server = await startTestServer({
    WEBHOOK_ALLOW_PRIVATE: "true",
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: "mailto:ops@example.com",
  });
  [first, second] = await Promise.all([
    signIn(server.url, trader.email, trader.password),
    signIn(server.url, trader2.email, trader2.password),
  ]);
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

describe("test-send limits", () => {
  it("answers the 6th webhook test within a minute with 429 and Retry-After, sends it nowhere, and counts per user", async () => {
    for (const session of [first, second]) {
      const current = (await (await authedFetch(server.url, session, "/api/me/preferences")).json()) as Record<string, unknown>;
      const put = await authedFetch(server.url, session, "/api/me/preferences", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...current, webhook_url: `${receiver.origin}/hook`, webhook_mode: "when_unacked" }),
      });
      expect(put.status).toBe(200);
    }

    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(first, "/api/me/webhook/test")).status);
    const refused = await post(first, "/api/me/webhook/test");

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^Too many test sends/);
    expect(receiver.to("/hook")).toHaveLength(5);
    // Another user has a count of their own.
    expect((await post(second, "/api/me/webhook/test")).status).toBe(200);
    expect(receiver.to("/hook")).toHaveLength(6);
  });

  it("limits the push test the same way", async () => {
    const keys = browserKeys();
    const subscribed = await post(second, "/api/me/push-subscriptions", {
      endpoint: `${receiver.origin}/push`,
      expirationTime: null,
      keys: { p256dh: keys.p256dh, auth: keys.auth },
    });
    expect(subscribed.status).toBe(201);

    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(second, "/api/me/push/test")).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(receiver.to("/push")).toHaveLength(5);
  });
});
