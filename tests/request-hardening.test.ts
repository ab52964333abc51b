import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { metricValue } from "./support/metrics";
import { aaplSpring, postPattern, uniqueSymbol } from "./support/patterns";
import { authedFetch, connected, openSocket, signIn, type SignedIn, trySignIn, trySignInFrom } from "./support/session";
import { startTestServer, type TestServer } from "./support/test-server";

// contract §2: cookies, CSRF and the sign-in throttle, tried from outside against the real server.
const trader = DEMO_USERS[0]!;
const trader2 = DEMO_USERS[1]!;
const admin = DEMO_USERS[2]!;
let server: TestServer;
let session: SignedIn;

// Cookies a browser may well carry for other apps on the same host: percent signs that are not escapes,
// broken escapes, empty names, quotes, bytes beyond ASCII.
const STRAY_COOKIES = ["promo=50%off", "broken=%E0%A4%A", "=novalue", 'quoted="a;b"', "ümlaut=ä%", "%=%%", "next-auth.csrf-token=%ZZ"];

beforeAll(async () => {
  server = await startTestServer();
  session = await signIn(server.url, trader.email, trader.password);
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe("unrelated cookies (contract §2)", () => {
  it("never turn a valid session into a 401 or a 500", async () => {
    for (const stray of STRAY_COOKIES) {
      for (const cookie of [`${stray}; ${session.cookie}`, `${session.cookie}; ${stray}`]) {
        const response = await fetch(`${server.url}/api/me`, { headers: { cookie } });
        expect({ stray, status: response.status }).toEqual({ stray, status: 200 });
      }
    }
  });

  it("without a session they answer 401, not 500", async () => {
    for (const stray of STRAY_COOKIES) {
      const response = await fetch(`${server.url}/api/signals`, { headers: { cookie: stray } });
      expect({ stray, status: response.status }).toEqual({ stray, status: 401 });
    }
  });

  it("let a socket with a session connect, and refuse one without a session with `unauthorized`", async () => {
    const withSession = openSocket(server.url, { cookie: `promo=50%off; ${session.cookie}` });
    await connected(withSession);
    withSession.close();
    const without = openSocket(server.url, { cookie: "promo=50%off" });
    await expect(connected(without)).rejects.toThrow("unauthorized");
    without.close();
  });
});

describe("state-changing requests with a session cookie (contract §2)", () => {
  const preferencesPath = "/api/me/preferences";

  it("need Content-Type application/json: anything else is 415 and writes nothing", async () => {
    const before = (await (await authedFetch(server.url, session, preferencesPath)).json()) as Record<string, unknown>;
    const changed = { ...before, min_confidence: 55 };
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      const response = await authedFetch(server.url, session, preferencesPath, { method: "PUT", headers, body: JSON.stringify(changed) });
      expect({ type, status: response.status }).toEqual({ type, status: 415 });
      expect(await response.json()).toEqual({ error: expect.any(String) as string });
    }
    const decision = await authedFetch(server.url, session, "/api/signals/00000000-0000-0000-0000-000000000000/decision", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ decision: "take" }),
    });
    expect(decision.status).toBe(415);
    expect(await (await authedFetch(server.url, session, preferencesPath)).json()).toEqual(before);
  });

  it("from another origin are 403; this site's origin, or none, passes", async () => {
    const body = JSON.stringify({ decision: "skip" });
    const path = "/api/signals/00000000-0000-0000-0000-000000000000/decision";
    for (const origin of ["https://evil.example", "null", `${server.url}.evil.example`, "http://localhost:1"]) {
      const response = await authedFetch(server.url, session, path, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body,
      });
      expect({ origin, status: response.status }).toEqual({ origin, status: 403 });
    }
    const same = await authedFetch(server.url, session, path, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body,
    });
    expect(same.status).toBe(404);
    const none = await authedFetch(server.url, session, path, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body,
    });
    expect(none.status).toBe(404);
  });

  it("leave requests without a session cookie, and next-auth's own form posts, to their routes", async () => {
    // The ingest key is not a cookie: a scanner's text/plain body is a plain 400, not a CSRF refusal.
    const ingest = await fetch(`${server.url}/api/patterns`, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${server.env.INGEST_API_KEY}` },
      body: "{",
    });
    expect(ingest.status).toBe(400);
    // Sign-in is a form post (application/x-www-form-urlencoded) and must keep working with a session cookie present.
    expect((await trySignIn(server.url, trader.email, trader.password)).session).not.toBeNull();
  });
});

describe("the ingest route, served by the custom server outside Next's router", () => {
  it("answers with the same headers Next's answers carry; other methods still reach Next", async () => {
    const answer = await fetch(`${server.url}/api/patterns`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${server.env.INGEST_API_KEY}` },
      body: JSON.stringify(aaplSpring({ symbol: uniqueSymbol() })),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toContain("application/json");
    const page = await fetch(`${server.url}/login`);
    for (const [name, value] of [
      ["x-frame-options", "DENY"],
      ["x-content-type-options", "nosniff"],
      ["referrer-policy", "same-origin"],
    ] as const) {
      expect(answer.headers.get(name), name).toBe(value);
      expect(page.headers.get(name), `${name} from Next`).toBe(value);
    }

    // Another method on the same path still reaches Next, which has no GET handler there.
    expect((await fetch(`${server.url}/api/patterns`)).status).toBe(405);
  });
});

describe("the sign-in throttle (contract §2, README)", () => {
  it("gives N parallel wrong passwords at most 10 guesses", async () => {
    const tries = await Promise.all(Array.from({ length: 16 }, () => trySignIn(server.url, admin.email, "parallel-guess")));
    const locked = tries.filter((attempt) => decodeURIComponent(attempt.location ?? "").includes("Too many failed sign-in attempts"));
    expect(tries.every((attempt) => attempt.session === null)).toBe(true);
    expect(locked.length).toBe(6);
  });

  it("keeps the locked account open to its owner at another address", async () => {
    const fromAttacker = await trySignInFrom(server.url, admin.email, admin.password, "127.0.0.1");
    expect(fromAttacker.ok).toBe(false);
    expect(fromAttacker.url).toContain("Too many failed sign-in attempts");
    const fromOwner = await trySignInFrom(server.url, admin.email, admin.password, "127.0.0.2");
    expect(fromOwner.ok).toBe(true);
  });

  it("a locked address does not lock that email elsewhere, and other users at the address are unaffected", async () => {
    expect((await trySignInFrom(server.url, trader2.email, trader2.password, "127.0.0.1")).ok).toBe(true);
  });
});

describe("the socket gauge", () => {
  it("counts open Socket.IO connections, so a leak is visible", async () => {
    const before = await metricValue(server.url, "signal_desk_socket_connections");
    const socket = openSocket(server.url, { cookie: session.cookie });
    await connected(socket);
    expect(await metricValue(server.url, "signal_desk_socket_connections")).toBe(before + 1);
    socket.close();
    // The rest of this file's sockets are closed too; nothing is left once ours goes.
    await expect.poll(() => metricValue(server.url, "signal_desk_socket_connections"), { timeout: 5000 }).toBe(0);
  });

  it("a signal still reaches a socket that carries stray cookies", async () => {
    const socket = openSocket(server.url, { cookie: `promo=50%off; ${session.cookie}` });
    await connected(socket);
    const me = (await (await authedFetch(server.url, session, "/api/me")).json()) as { id: string };
    const arrived = new Promise<string>((resolve) =>
      socket.on("signal_approved", (signal, ack) => {
        ack({ received_at: new Date().toISOString() });
        resolve(signal.signal_id);
      }),
    );
    const answer = await postPattern(server.url, aaplSpring({ user_ids: [me.id] }));
    expect(answer.status).toBe(201);
    expect(await arrived).toBe(answer.body.signals[0]?.signal_id);
    socket.close();
  });
});
