import { describe, expect, it } from "vitest";
import { RateLimit } from "./rate-limit";

describe("RateLimit", () => {
  it("allows `limit` takes per key within any window, and says when the oldest leaves it", () => {
    const limit = new RateLimit(3, 10_000);
    expect([0, 1000, 2000].map((at) => limit.take("a", at))).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(limit.take("a", 5000)).toEqual({ ok: false, retryAt: 10_000 });
    expect(limit.allowedAt("a", 5000)).toBe(10_000);
    // Each key has its own count.
    expect(limit.take("b", 5000)).toEqual({ ok: true });
    expect(limit.allowedAt("b", 5000)).toBe(5000);
    // A take exactly one window old has left it; a refused try was not counted.
    expect(limit.take("a", 9999)).toEqual({ ok: false, retryAt: 10_000 });
    expect(limit.take("a", 10_000)).toEqual({ ok: true });
    expect(limit.take("a", 10_000)).toEqual({ ok: false, retryAt: 11_000 });
  });

  it("with a limit of one, is a minimum interval per key", () => {
    const once = new RateLimit(1, 10_000);
    expect(once.take("signal-1", 0)).toEqual({ ok: true });
    expect(once.take("signal-1", 9_999)).toEqual({ ok: false, retryAt: 10_000 });
    expect(once.allowedAt("signal-1", 4_000)).toBe(10_000);
    expect(once.take("signal-1", 10_000)).toEqual({ ok: true });
  });

  it("forgets keys with nothing left in the window, so memory follows the keys used within one window", () => {
    const limit = new RateLimit(2, 1000);
    for (let i = 0; i < 10_000; i++) limit.take(`user-${i}`, i);
    const size = () => (limit as unknown as { taken: Map<string, number[]> }).taken.size;
    expect(size()).toBeLessThanOrEqual(1001);
    limit.take("late", 50_000);
    expect(size()).toBe(1);
    // A forgotten key starts afresh.
    expect(limit.allowedAt("user-1", 50_000)).toBe(50_000);
  });
});
