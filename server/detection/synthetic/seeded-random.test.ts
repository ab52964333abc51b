import { describe, expect, it } from "vitest";
import { deriveSeed, SeededRandom } from "./seeded-random";

describe("SeededRandom", () => {
  it("repeats for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("matches the reference mulberry32 sequence", () => {
    // First outputs of mulberry32(1) × 2^32, from the reference implementation.
    const random = new SeededRandom(1);
    expect([random.next(), random.next(), random.next()].map((x) => Math.round(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it("stays in range", () => {
    const random = new SeededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = random.int(3, 5);
      expect([3, 4, 5]).toContain(n);
    }
  });

  it("derives independent seeds per label", () => {
    expect(deriveSeed(1, "AAPL")).toBe(deriveSeed(1, "AAPL"));
    expect(deriveSeed(1, "AAPL")).not.toBe(deriveSeed(1, "MSFT"));
    expect(deriveSeed(1, "AAPL")).not.toBe(deriveSeed(2, "AAPL"));
  });
});
