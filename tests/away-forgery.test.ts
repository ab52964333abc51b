import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";
import { browserKeys } from "./support/push-crypto";
import { authedFetch, signIn, type SignedIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";

let server: TestServer;
let receiver: HttpReceiver;
let trader: SignedIn;
let port: string;

function send(method: string, path: string, body: unknown) {
  return authedFetch(server.url, trader, path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  receiver = await startReceiver();
  port = new URL(receiver.origin).port;
  // WEBHOOK_ALLOW_PRIVATE is left at its default, false.
  server = await startTestServer({});
  const user = DEMO_USERS.find((candidate) => candidate.email === "trader@example.com")!;
  trader = await signIn(server.url, user.email, user.password);
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

describe("server-side request forgery (WEBHOOK_ALLOW_PRIVATE=false)", () => {
  const targets = () => [
    [`http://127.0.0.1:${port}/hook`, "must be an https:// URL"],
    ["http://10.0.0.1/hook", "must be an https:// URL"],
    ["http://169.254.169.254/latest/meta-data/", "must be an https:// URL"],
    [`http://[::1]:${port}/hook`, "must be an https:// URL"],
    [`http://localhost:${port}/hook`, "must be an https:// URL"],
    // The same hosts over https: the address check, not only the scheme, refuses them.
    [`https://127.0.0.1:${port}/hook`, "resolves to a non-public address (127.0.0.1)"],
    ["https://10.0.0.1/hook", "resolves to a non-public address (10.0.0.1)"],
    ["https://169.254.169.254/latest/meta-data/", "resolves to a non-public address (169.254.169.254)"],
    [`https://[::1]:${port}/hook`, "resolves to a non-public address (::1)"],
    [`https://localhost:${port}/hook`, "host localhost resolves to a non-public address"],
  ];

  it("refuses every private or loopback webhook URL with 400 and makes no request", async () => {
    for (const [url, reason] of targets()) {
      const current = (await (await authedFetch(server.url, trader, "/api/me/preferences")).json()) as Record<string, unknown>;
      const response = await send("PUT", "/api/me/preferences", { ...current, webhook_url: url });
      expect(response.status, url).toBe(400);
      const body = (await response.json()) as { issues: { path: string; message: string }[] };
      expect(body.issues[0]?.path).toBe("webhook_url");
      expect(body.issues[0]?.message, url).toContain(reason);
    }
    const webhook = (await (await authedFetch(server.url, trader, "/api/me/webhook")).json()) as {
      url: string | null;
      secret: string | null;
    };
    expect(webhook).toMatchObject({ url: null, secret: null });
    expect((await send("POST", "/api/me/webhook/test", {})).status).toBe(409);
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses push endpoints on private or loopback hosts with 400", async () => {
    const keys = browserKeys();
    for (const [endpoint] of targets()) {
      const response = await send("POST", "/api/me/push-subscriptions", { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
      expect(response.status, endpoint).toBe(400);
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it("answers 401 without a session", async () => {
    expect((await fetch(`${server.url}/api/me/webhook`)).status).toBe(401);
    const response = await fetch(`${server.url}/api/me/push-subscriptions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(401);
  });
});
