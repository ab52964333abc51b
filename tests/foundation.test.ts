import { encode } from "next-auth/jwt";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignalNotification } from "@/lib/signal-notification";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { aaplSpring, postPattern } from "./support/patterns";
import { authedFetch, connected, openSocket, signIn, signOut, trySignIn } from "./support/session";
import { runServerExpectingFailure, startTestServer, type TestServer } from "./support/test-server";

const trader = DEMO_USERS[0]!;
const trader2 = DEMO_USERS[1]!;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe("sign-in through next-auth", () => {
  it("signs in with the right password and /api/me tells who you are", async () => {
    const session = await signIn(server.url, trader.email, trader.password);
    const response = await authedFetch(server.url, session, "/api/me");
    expect(response.status).toBe(200);
    const me = (await response.json()) as { id: string; email: string; role: string };
    expect(me).toMatchObject({ email: trader.email, role: "trader" });
    expect(me.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts the email in any case", async () => {
    const session = await signIn(server.url, "Trader@Example.COM", trader.password);
    expect(session.token.length).toBeGreaterThan(20);
  });

  it("refuses a wrong password", async () => {
    const attempt = await trySignIn(server.url, trader.email, "wrong-password");
    expect(attempt.session).toBeNull();
    expect(attempt.location ?? "").toContain("error=CredentialsSignin");
  });

  it("answers 401 JSON on /api/me without a session", async () => {
    const response = await fetch(`${server.url}/api/me`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String) as string });
  });

  it("redirects pages to /login without a session", async () => {
    const response = await fetch(`${server.url}/`, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(response.status);
    expect(response.headers.get("location")).toMatch(/\/login$/);
  });

  it("locks an email after 10 failed sign-ins, even with the right password", async () => {
    // The admin is not used elsewhere in this file, so locking it harms no other test.
    const admin = DEMO_USERS[2]!;
    for (let i = 0; i < 10; i++) expect((await trySignIn(server.url, admin.email, "guess")).session).toBeNull();
    const locked = await trySignIn(server.url, admin.email, admin.password);
    expect(locked.session).toBeNull();
    expect(decodeURIComponent(locked.location ?? "")).toContain("Too many failed sign-in attempts");
  });
});

describe("the realtime handshake", () => {
  it("admits a socket with the session cookie into its own user room only", async () => {
    const a = await signIn(server.url, trader.email, trader.password);
    const b = await signIn(server.url, trader2.email, trader2.password);
    const meB = (await (await authedFetch(server.url, b, "/api/me")).json()) as { id: string };
    const meA = (await (await authedFetch(server.url, a, "/api/me")).json()) as { id: string };
    // A client that names another user's id or room in its handshake (auth payload, query) changes nothing:
    // the handshake reads only the session, and no client event joins a room.
    const socketA = io(server.url, {
      path: "/socket.io",
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: a.cookie },
      auth: { user_id: meB.id, userId: meB.id, room: `user:${meB.id}` },
      query: { user_id: meB.id, room: `user:${meB.id}` },
    }) as ReturnType<typeof openSocket>;
    const socketB = openSocket(server.url, { token: b.token });
    await Promise.all([connected(socketA), connected(socketB)]);

    const receivedByA: SignalNotification[] = [];
    const receivedByB: SignalNotification[] = [];
    socketA.on("signal_approved", (signal, ack) => (receivedByA.push(signal), ack({ received_at: new Date().toISOString() })));
    socketB.on("signal_approved", (signal, ack) => (receivedByB.push(signal), ack({ received_at: new Date().toISOString() })));

    const forB = await postPattern(server.url, aaplSpring({ symbol: "MSFT", user_ids: [meB.id] }));
    expect(forB.status).toBe(201);
    await expect.poll(() => receivedByB.length).toBe(1);
    const forA = await postPattern(server.url, aaplSpring({ user_ids: [meA.id] }));
    await expect.poll(() => receivedByA.length).toBe(1);
    expect(receivedByA[0]?.signal_id).toBe(forA.body.signals[0]?.signal_id);
    expect(receivedByB.map((s) => s.symbol)).toEqual(["MSFT"]);
    socketA.close();
    socketB.close();
  });

  it.each([
    ["no cookie", {}],
    ["a garbage cookie", { cookie: "next-auth.session-token=garbage" }],
    ["a garbage token", { token: "not-a-jwt" }],
  ])("refuses %s with connect_error unauthorized", async (_name, auth) => {
    await expect(connected(openSocket(server.url, auth))).rejects.toThrow("unauthorized");
  });

  it("refuses a token signed with another secret", async () => {
    const session = await signIn(server.url, trader.email, trader.password);
    const me = (await (await authedFetch(server.url, session, "/api/me")).json()) as { id: string };
    const forged = await encode({
      token: { id: me.id, role: "admin", email: trader.email, sid: "x", issued_at: Date.now() },
      secret: "another-secret-of-at-least-32-chars!!",
    });
    await expect(connected(openSocket(server.url, { token: forged }))).rejects.toThrow("unauthorized");
  });

  it("closes the session's sockets within a second of sign-out and refuses the old token after", async () => {
    const session = await signIn(server.url, trader.email, trader.password);
    const socket = openSocket(server.url, { cookie: session.cookie });
    await connected(socket);
    const closed = new Promise<number>((resolve) => socket.once("disconnect", () => resolve(Date.now())));
    const signedOutAt = Date.now();
    await signOut(server.url, session);
    expect((await closed) - signedOutAt).toBeLessThan(1000);
    await expect(connected(openSocket(server.url, { cookie: session.cookie }))).rejects.toThrow("unauthorized");
    expect((await authedFetch(server.url, session, "/api/me")).status).toBe(401);
  });
});

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok" } });
  });
});

describe("configuration", () => {
  it.each([
    ["PORT", { PORT: "not-a-port" }],
    ["PORT", { PORT: "70000" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://nope" }],
    ["NOTIFY_ACK_TIMEOUT_MS", { NOTIFY_ACK_TIMEOUT_MS: "-5" }],
  ])("stops with a line naming %s", async (name, env) => {
    const { code, stderr } = await runServerExpectingFailure(env);
    expect(code).not.toBe(0);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`Invalid environment variable ${name}`);
  });

  it("requires AUTH_SECRET outside demo mode", async () => {
    const { code, stderr } = await runServerExpectingFailure({ DEMO: "false", INGEST_API_KEY: "some-long-key" });
    expect(code).not.toBe(0);
    expect(stderr).toContain("AUTH_SECRET");
  });
});
