import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const SECRET = "s".repeat(32);

describe("safe defaults", () => {
  it("production without DEMO is not demo mode: no demo key, and AUTH_SECRET and INGEST_API_KEY are required", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: required when DEMO=false/);
    expect(() => loadEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET })).toThrow(/INGEST_API_KEY: required/);
    const env = loadEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, INGEST_API_KEY: "a-real-key-123" });
    expect(env.DEMO).toBe(false);
    expect(env.DEMO_FEED).toBe(false);
    expect(env.INGEST_API_KEY).toBe("a-real-key-123");
  });

  it("production with an explicit DEMO=true is demo mode, as npm start sets it", () => {
    const env = loadEnv({ NODE_ENV: "production", DEMO: "true" });
    expect(env).toMatchObject({ DEMO: true, DEMO_FEED: true, INGEST_API_KEY: "demo-ingest-key" });
  });

  it("development and test default to demo mode", () => {
    expect(loadEnv({ NODE_ENV: "development" }).DEMO).toBe(true);
    expect(loadEnv({ NODE_ENV: "test" }).DEMO).toBe(true);
  });

  it("refuses TEST_CLOCK outside NODE_ENV=test unless ALLOW_TEST_CLOCK=true", () => {
    expect(() => loadEnv({ NODE_ENV: "production", DEMO: "true", TEST_CLOCK: "true" })).toThrow(
      /TEST_CLOCK: only with NODE_ENV=test \(or ALLOW_TEST_CLOCK=true\)/,
    );
    expect(() => loadEnv({ NODE_ENV: "development", TEST_CLOCK: "true" })).toThrow(/TEST_CLOCK/);
    expect(loadEnv({ NODE_ENV: "test", TEST_CLOCK: "true" }).TEST_CLOCK).toBe(true);
    expect(loadEnv({ NODE_ENV: "production", DEMO: "true", TEST_CLOCK: "true", ALLOW_TEST_CLOCK: "true" }).TEST_CLOCK).toBe(true);
  });

  it("parses TRUSTED_PROXIES and names a bad entry", () => {
    expect(loadEnv({ NODE_ENV: "test" }).TRUSTED_PROXIES).toEqual([]);
    expect(loadEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/16,fd00::/8" }).TRUSTED_PROXIES).toEqual([
      { address: "10.0.0.1", prefix: 32, family: "ipv4" },
      { address: "10.1.0.0", prefix: 16, family: "ipv4" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
    ]);
    expect(() => loadEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "10.0.0.1,proxy.local" })).toThrow(
      /TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range/,
    );
    expect(() => loadEnv({ NODE_ENV: "test", TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
  });
});
