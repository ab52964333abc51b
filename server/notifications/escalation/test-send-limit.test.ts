import { describe, expect, it } from "vitest";
import { TEST_SEND_WINDOW_MS, TEST_SENDS_PER_WINDOW, TestSendLimit, tooManyTestSends } from "./test-send-limit";

function clockAt(start: number) {
  let now = start;
  return { now: () => now, set: (ms: number) => (now = ms) };
}

describe("test-send limit (issue 23 item 5)", () => {
  it("allows 5 test sends a minute per user and channel, then says when the oldest leaves the window", () => {
    const clock = clockAt(1_000_000);
    const limit = new TestSendLimit(clock);
    expect([TEST_SENDS_PER_WINDOW, TEST_SEND_WINDOW_MS]).toEqual([5, 60_000]);
    for (let i = 0; i < 5; i++) {
      clock.set(1_000_000 + i * 1000);
      expect(limit.take("webhook", "u1")).toEqual({ ok: true });
    }
    clock.set(1_010_000);
    // The first send (at 1,000,000) leaves the window at 1,060,000: 50 s from now.
    expect(limit.take("webhook", "u1")).toEqual({ ok: false, retryAfterS: 50 });
    // Other users and the other channel have their own count.
    expect(limit.take("webhook", "u2")).toEqual({ ok: true });
    expect(limit.take("push", "u1")).toEqual({ ok: true });
    clock.set(1_059_999);
    expect(limit.take("webhook", "u1")).toEqual({ ok: false, retryAfterS: 1 });
    clock.set(1_060_000);
    expect(limit.take("webhook", "u1")).toEqual({ ok: true });
    // A refused try is not counted: the next one is allowed as soon as the next oldest leaves.
    expect(limit.take("webhook", "u1")).toEqual({ ok: false, retryAfterS: 1 });
    clock.set(1_061_000);
    expect(limit.take("webhook", "u1")).toEqual({ ok: true });
  });

  it("answers 429 with Retry-After in seconds", async () => {
    const response = tooManyTestSends({ retryAfterS: 42 });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.json()).toEqual({ error: "Too many test sends; try again in 42 s" });
  });
});
