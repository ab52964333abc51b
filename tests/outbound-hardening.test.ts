import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "@/server/clock";
import { isPublicAddress } from "@/server/notifications/outbound/address-policy";
import { TargetGuard } from "@/server/notifications/outbound/target-guard";
import { WebhookSender } from "@/server/notifications/webhook/webhook-sender";
import type { WebhookSettingsStore } from "@/server/notifications/webhook/webhook-settings";
import { COARSE_ERRORS, sendTestWebhook } from "@/server/notifications/webhook/webhook-test-send";

// A port that accepts and never answers (a timeout) and one that is closed (a refused connection).
let silent: Server;
const held = new Set<Socket>();
let silentPort: number;
let closedPort: number;
beforeAll(async () => {
  silent = createServer((socket) => void held.add(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as AddressInfo).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("address policy: IPv4-compatible IPv6 (::/96)", () => {
  it.each(["::127.0.0.1", "::7f00:1", "::10.0.0.1", "::a9fe:a9fe", "::8.8.8.8"])("%s is not public", (address) =>
    expect(isPublicAddress(address)).toBe(false),
  );
  it("still lets a public IPv6 address through", () => expect(isPublicAddress("2606:4700:4700::1111")).toBe(true));
});

describe("DNS lookups time out", () => {
  it("refuses a name whose lookup hangs, after the timeout and not before", async () => {
    const guard = new TargetGuard(false, () => new Promise(() => undefined), 150);
    const started = performance.now();
    const check = await guard.check("https://hangs.example.com/hook");
    const took = performance.now() - started;
    expect(check).toEqual({ ok: false, reason: "host hangs.example.com does not resolve" });
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2000);
  });
});

describe("webhook test button answers coarse errors", () => {
  const settingsFor = (url: string) =>
    ({ get: () => Promise.resolve({ url, secret: "s".repeat(32), mode: "always" }) }) as unknown as WebhookSettingsStore;
  const run = (guard: TargetGuard, url: string) =>
    sendTestWebhook("user-1", {
      settings: settingsFor(url),
      sender: new WebhookSender(guard, systemClock),
      clock: systemClock,
      ttlSeconds: 300,
    });

  it("names no address for a refused target", async () => {
    const result = await run(new TargetGuard(false), "https://10.0.3.7/hook");
    expect(result).toMatchObject({ outcome: "error", status: null, error: COARSE_ERRORS.refused });
  });

  it("names no address, port or errno for a closed port", async () => {
    const result = await run(new TargetGuard(true), `http://127.0.0.1:${closedPort}/hook`);
    expect(result).toMatchObject({ outcome: "error", status: null, error: COARSE_ERRORS.network });
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\d{4,5}/);
  });

  it("says 'no answer in time' for a target that never answers", async () => {
    const guard = new TargetGuard(true);
    const sender = new WebhookSender(guard, systemClock);
    // The sender's own 5 s deadline: the receiver accepts and stays silent.
    const result = await sendTestWebhook("user-1", {
      settings: settingsFor(`http://127.0.0.1:${silentPort}/hook`),
      sender,
      clock: systemClock,
      ttlSeconds: 300,
    });
    expect(result).toMatchObject({ outcome: "timeout", error: COARSE_ERRORS.timeout });
  }, 10_000);
});
