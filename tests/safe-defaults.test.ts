import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { MAX_TRIES_PER_ADDRESS_AND_EMAIL } from "@/server/auth/login-throttle";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "./support/test-server";

// Issue 23 items 4 and 7 against the real server: the sign-in throttle behind a proxy, the ingest key
// checked before the body, and the pages' nonce-based Content-Security-Policy.
const [TRADER, TRADER2] = [DEMO_USERS[0]!, DEMO_USERS[1]!];

let direct: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  [direct, proxied] = await Promise.all([startTestServer(), startTestServer({ TRUSTED_PROXIES: "127.0.0.1" })]);
});
afterAll(async () => {
  await Promise.all([direct.stop(), proxied.stop()]);
});

/** next-auth's sign-in as a browser behind a proxy sends it; true when a session cookie came back. */
async function signInVia(url: string, email: string, password: string, forwardedFor: string): Promise<boolean> {
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers: { "x-forwarded-for": forwardedFor } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((one) => one.split(";")[0])
    .join("; ");
  const answer = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": forwardedFor },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return answer.headers.getSetCookie().some((one) => one.startsWith("next-auth.session-token="));
}

describe("sign-in throttle behind a proxy", () => {
  // Ten real password checks each (the demo users' full bcrypt cost): generous timeouts on a busy machine.
  it(
    "counts each client behind a trusted proxy by its X-Forwarded-For: one locked client locks out no one else",
    { timeout: 120_000 },
    async () => {
      const tries = Array.from({ length: MAX_TRIES_PER_ADDRESS_AND_EMAIL }, () =>
        signInVia(proxied.url, TRADER.email, "wrong", "198.51.100.1"),
      );
      expect(await Promise.all(tries)).toEqual(Array(MAX_TRIES_PER_ADDRESS_AND_EMAIL).fill(false));
      expect(await signInVia(proxied.url, TRADER.email, TRADER.password, "198.51.100.1")).toBe(false);
      // Another client behind the same proxy (the same TCP peer, 127.0.0.1) signs in.
      expect(await signInVia(proxied.url, TRADER.email, TRADER.password, "198.51.100.2")).toBe(true);
    },
  );

  it(
    "ignores X-Forwarded-For from a peer that is not a trusted proxy: a client cannot pick a fresh address",
    { timeout: 120_000 },
    async () => {
      const tries = Array.from({ length: MAX_TRIES_PER_ADDRESS_AND_EMAIL }, (_, i) =>
        signInVia(direct.url, TRADER2.email, "wrong", `198.51.100.${10 + i}`),
      );
      expect(await Promise.all(tries)).toEqual(Array(MAX_TRIES_PER_ADDRESS_AND_EMAIL).fill(false));
      expect(await signInVia(direct.url, TRADER2.email, TRADER2.password, "198.51.100.99")).toBe(false);
    },
  );
});

describe("POST /api/patterns checks the key before the body", () => {
  /** Sends the headers and a first slice of a body it never finishes; resolves with the status if one comes. */
  function unfinished(headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${direct.url}/api/patterns`, { method: "POST", headers }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        req.destroy();
      });
      req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
      req.setTimeout(3000, () => {
        req.destroy();
        reject(new Error("no answer while the body was unfinished"));
      });
      req.write('{"symbol":"AAPL",');
    });
  }

  it("answers 401 without the key while the body is still coming", async () => {
    expect(await unfinished({ "content-type": "application/json", "content-length": "1000000" })).toBe(401);
    expect(
      await unfinished({ "content-type": "application/json", "transfer-encoding": "chunked", authorization: "Bearer wrong-key" }),
    ).toBe(401);
  });

  it("answers 400 at once for a declared length over the cap, and stops reading an undeclared one past it", async () => {
    const auth = { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` };
    expect(await unfinished({ ...auth, "content-length": String(65 * 1024) })).toBe(400);
    const endless = await new Promise<number>((resolve, reject) => {
      const req = request(`${direct.url}/api/patterns`, { method: "POST", headers: { ...auth, "transfer-encoding": "chunked" } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        clearInterval(pump);
        req.destroy();
      });
      req.on("error", () => undefined);
      // 1 KiB every millisecond, for ever: only the cap ends it.
      const pump = setInterval(() => req.write("x".repeat(1024)), 1);
      setTimeout(() => {
        clearInterval(pump);
        req.destroy();
        reject(new Error("the server kept reading past the cap"));
      }, 5000);
    });
    expect(endless).toBe(400);
  });
});

describe("content security policy on pages", () => {
  it("sends a nonce-based policy and puts that nonce on every script of the login page", async () => {
    const page = await fetch(`${direct.url}/login`);
    expect(page.status).toBe(200);
    const policy = page.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toContain("'strict-dynamic'");
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    // Plain HTTP without a trusted proxy: no HSTS.
    expect(page.headers.get("strict-transport-security")).toBeNull();
    // A fresh nonce per answer.
    const again = await fetch(`${direct.url}/login`);
    expect(again.headers.get("content-security-policy")).not.toBe(policy);
  });
});
