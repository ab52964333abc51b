import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "@/server/clock";
import { isPublicAddress } from "@/server/notifications/outbound/address-policy";
import { MAX_RESPONSE_BYTES, sendOutbound } from "@/server/notifications/outbound/outbound-request";
import { TargetGuard } from "@/server/notifications/outbound/target-guard";
import { WebhookSender } from "@/server/notifications/webhook/webhook-sender";
import { testNotification } from "@/server/notifications/webhook/webhook-test-send";
import { startReceiver, type HttpReceiver } from "./support/http-receiver";

let receiver: HttpReceiver;
let elsewhere: HttpReceiver;
beforeAll(async () => {
  [receiver, elsewhere] = await Promise.all([startReceiver(), startReceiver()]);
});
afterAll(async () => {
  await Promise.all([receiver.close(), elsewhere.close()]);
});

describe("address policy", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "64:ff9b::a00:1",
    "fe80::1",
    "fd00::1",
    "ff02::1",
    "2001:db8::1",
  ])("%s is not public", (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111"])("%s is public", (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe("target guard without private targets", () => {
  const guard = new TargetGuard(false);

  it.each([
    ["http://93.184.216.34/hook", "must be an https:// URL"],
    ["https://127.0.0.1/hook", "non-public address (127.0.0.1)"],
    ["https://2130706433/hook", "non-public address (127.0.0.1)"],
    ["https://10.0.0.1/hook", "non-public address (10.0.0.1)"],
    ["https://169.254.169.254/latest/meta-data", "non-public address (169.254.169.254)"],
    ["https://[::1]/hook", "non-public address (::1)"],
    ["https://[::ffff:10.0.0.1]/hook", "non-public address"],
    ["https://localhost/hook", "non-public address"],
    ["https://user:pw@93.184.216.34/", "must not carry credentials"],
    ["ftp://93.184.216.34/", "must be an https:// URL"],
  ])("refuses %s", async (url, reason) => {
    const check = await guard.check(url);
    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toContain(reason);
  });

  it("accepts a public https address and hands back the address to connect to", async () => {
    expect(await guard.check("https://93.184.216.34/hook")).toMatchObject({ ok: true, target: { address: "93.184.216.34", family: 4 } });
  });

  it("refuses a name when any of its addresses is not public", async () => {
    const mixed = new TargetGuard(false, () =>
      Promise.resolve([
        { address: "93.184.216.34", family: 4 },
        { address: "10.1.2.3", family: 4 },
      ]),
    );
    expect(await mixed.check("https://hooks.example.com/")).toEqual({
      ok: false,
      reason: "host hooks.example.com resolves to a non-public address (10.1.2.3)",
    });
  });
});

describe("sending to a target", () => {
  it("re-checks at send time: a name that now resolves to loopback gets no request", async () => {
    let answer = "93.184.216.34";
    const guard = new TargetGuard(false, () => Promise.resolve([{ address: answer, family: 4 }]));
    const url = `https://hooks.example.com:${new URL(receiver.origin).port}/rebind`;
    expect((await guard.check(url)).ok).toBe(true);
    answer = "127.0.0.1"; // DNS rebinding after the URL was saved
    const result = await new WebhookSender(guard, systemClock).send({ url, secret: "s" }, "d", testNotification(Date.now(), 60));
    expect(result).toMatchObject({ outcome: "error", retry: false });
    expect(result.error).toContain("non-public address (127.0.0.1)");
    expect(receiver.to("/rebind")).toHaveLength(0);
  });

  it("connects to the checked address, not to a second DNS answer", async () => {
    // The guard resolved the made-up name to 127.0.0.1; the request still reaches it, with the name as Host.
    const guard = new TargetGuard(true, () => Promise.resolve([{ address: "127.0.0.1", family: 4 }]));
    const check = await guard.check(`http://hooks.invalid:${new URL(receiver.origin).port}/pinned`);
    if (!check.ok) throw new Error(check.reason);
    const response = await sendOutbound(check.target, { method: "POST", headers: {}, body: "x" });
    expect(response.status).toBe(201);
    expect(receiver.to("/pinned")[0]?.headers.host).toBe(`hooks.invalid:${new URL(receiver.origin).port}`);
  });

  it("does not follow a redirect: the target it points to gets no request and the send is not delivered", async () => {
    receiver.answer("/redirect", { status: 302, headers: { location: `${elsewhere.origin}/metadata` } });
    const result = await new WebhookSender(new TargetGuard(true), systemClock).send(
      { url: `${receiver.origin}/redirect`, secret: "s" },
      "d",
      testNotification(Date.now(), 60),
    );
    expect(result).toMatchObject({ outcome: "error", status: 302, error: "redirect not followed (302)" });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("reads at most a few KiB of a reply", async () => {
    receiver.answer("/huge", { status: 200, body: "x".repeat(1024 * 1024) });
    const check = await new TargetGuard(true).check(`${receiver.origin}/huge`);
    if (!check.ok) throw new Error(check.reason);
    const response = await sendOutbound(check.target, { method: "POST", headers: {}, body: "" });
    expect(response.body.length).toBe(MAX_RESPONSE_BYTES);
  });

  it("gives up after the timeout", async () => {
    const check = await new TargetGuard(true).check(`${receiver.origin}/slow`);
    if (!check.ok) throw new Error(check.reason);
    // A server that accepts the connection but never answers.
    const { createServer } = await import("node:net");
    const silentServer = createServer(() => undefined);
    await new Promise<void>((resolve) => silentServer.listen(0, "127.0.0.1", resolve));
    const port = (silentServer.address() as { port: number }).port;
    const target = { ...check.target, url: new URL(`http://127.0.0.1:${port}/`) };
    await expect(sendOutbound(target, { method: "POST", headers: {}, body: "", timeoutMs: 200 })).rejects.toThrow(
      "no answer within 200 ms",
    );
    silentServer.close();
  });
});
