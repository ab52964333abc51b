import { describe, expect, it } from "vitest";
import { parseProxyList, proxyTrust, type ProxyRange } from "./proxy-list";

const ranges = parseProxyList("10.0.0.0/8, 192.168.1.5, fd00::/8") as ProxyRange[];

describe("client address behind proxies", () => {
  it("without TRUSTED_PROXIES, counts the TCP peer and ignores X-Forwarded-For", () => {
    const trust = proxyTrust([]);
    expect(trust.clientOf("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(trust.isTrusted("10.0.0.1")).toBe(false);
  });

  it("believes X-Forwarded-For only from a trusted peer", () => {
    const trust = proxyTrust(ranges);
    expect(trust.clientOf("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    expect(trust.clientOf("10.1.2.3", "198.51.100.1")).toBe("198.51.100.1");
    expect(trust.clientOf("::ffff:192.168.1.5", "198.51.100.7")).toBe("198.51.100.7");
    expect(trust.clientOf("fd00::2", "2001:db8::5")).toBe("2001:db8::5");
  });

  it("reads from the right and stops at the first untrusted hop: a client cannot choose its own address", () => {
    const trust = proxyTrust(ranges);
    // The client wrote "1.1.1.1" itself; the trusted proxy appended what it saw (198.51.100.1), then a second proxy.
    expect(trust.clientOf("10.0.0.2", "1.1.1.1, 198.51.100.1, 10.0.0.3")).toBe("198.51.100.1");
    expect(trust.clientOf("10.0.0.2", ["1.1.1.1", "198.51.100.1"])).toBe("198.51.100.1");
  });

  it("falls back to the last trusted hop on a missing or broken header", () => {
    const trust = proxyTrust(ranges);
    expect(trust.clientOf("10.0.0.2", undefined)).toBe("10.0.0.2");
    expect(trust.clientOf("10.0.0.2", "garbage, 10.0.0.3")).toBe("10.0.0.3");
    expect(trust.clientOf("10.0.0.2", "10.0.0.4, 10.0.0.3")).toBe("10.0.0.4");
  });

  it("names the first bad entry of a list", () => {
    expect(parseProxyList("10.0.0.1, nope")).toBe("nope");
    expect(parseProxyList("10.0.0.1/x")).toBe("10.0.0.1/x");
    expect(parseProxyList("::1/129")).toBe("::1/129");
  });
});
