import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { authedFetch, signIn } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";
import { userIdOf } from "./support/trader-client";

let receiver: HttpReceiver;
let server: TestServer | null = null;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await server?.stop();
  await receiver.close();
});

it("a webhook retry survives a crash: the restarted server sends it, with the same delivery id", { timeout: 90_000 }, async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: "true" });
  const trader = DEMO_USERS.find((user) => user.email === "trader@example.com")!;
  const session = await signIn(server.url, trader.email, trader.password);
  const current = (await (await authedFetch(server.url, session, "/api/me/preferences")).json()) as Record<string, unknown>;
  const saved = await authedFetch(server.url, session, "/api/me/preferences", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...current, webhook_url: `${receiver.origin}/crash`, webhook_mode: "when_unacked" }),
  });
  expect(saved.status).toBe(200);
  receiver.answer("/crash", { status: 503 }, { status: 200 });

  const answer = await postPattern(
    server.url,
    aaplSpring({ symbol: uniqueSymbol(), user_ids: [await userIdOf(server.url, trader.email)] }),
  );
  expect(answer.status).toBe(201);
  await expect.poll(() => receiver.to("/crash").length).toBe(1);
  // The retry is due 1 s after the first try; the process dies before it, with nothing flushed.
  const env = server.env;
  await server.kill();
  const killedAt = Date.now();
  expect(receiver.to("/crash")).toHaveLength(1);

  server = await startTestServer(env);
  await expect.poll(() => receiver.to("/crash").length, { timeout: 20_000 }).toBe(2);
  const [first, retry] = receiver.to("/crash");
  expect(retry!.at).toBeGreaterThan(killedAt);
  expect(retry!.headers["x-signal-desk-delivery"]).toBe(first!.headers["x-signal-desk-delivery"]);
  expect(JSON.parse(retry!.body.toString("utf8"))).toMatchObject({ signal_id: answer.body.signals[0]!.signal_id });
});
