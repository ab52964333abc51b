import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { frontDoor } from "./front-door";
import { parseProxyList, type ProxyRange } from "./proxy-list";
import { contentSecurityPolicy, HSTS_VALUE } from "./security-headers";

/** One request through the front door on a real socket; returns the answer's headers and what Next would see. */
async function through(options: { trustedProxies?: ProxyRange[] }, headers: Record<string, string> = {}) {
  let seen: IncomingHttpHeaders = {};
  const server = createServer(
    frontDoor((req, res) => {
      seen = { ...req.headers };
      res.end("ok");
    }, options),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers });
    await response.text();
    return { answer: response.headers, seen };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("content security policy", () => {
  it("allows scripts only by a fresh nonce, which Next reads from the request", async () => {
    const first = await through({}, { "content-security-policy": "script-src *" });
    const second = await through({});
    const policy = first.answer.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]{24})'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toBe(contentSecurityPolicy(nonce!));
    expect(policy).toContain("script-src 'self' 'nonce-");
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    // A client's own header is replaced by the same policy the answer carries.
    expect(first.seen["content-security-policy"]).toBe(policy);
    expect(second.answer.get("content-security-policy")).not.toBe(policy);
  });
});

describe("HSTS", () => {
  const proxies = parseProxyList("127.0.0.1") as ProxyRange[];

  it("is sent when a trusted proxy says the request came over HTTPS", async () => {
    const { answer, seen } = await through(
      { trustedProxies: proxies },
      { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.4" },
    );
    expect(answer.get("strict-transport-security")).toBe(HSTS_VALUE);
    expect(seen["x-signal-desk-peer"]).toBe("198.51.100.4");
  });

  it("is not sent over plain HTTP, nor when an untrusted client claims HTTPS", async () => {
    expect((await through({ trustedProxies: proxies })).answer.get("strict-transport-security")).toBeNull();
    const claimed = await through({}, { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.4" });
    expect(claimed.answer.get("strict-transport-security")).toBeNull();
    expect(claimed.seen["x-signal-desk-peer"]).toBe("127.0.0.1");
  });
});
