import { describe, expect, it } from "vitest";
import { nearestRank } from "./delivery-health";

describe("nearestRank", () => {
  it("picks the nearest-rank position of a percentile", () => {
    expect(nearestRank(50, 3)).toBe(2);
    expect(nearestRank(95, 3)).toBe(3);
    expect(nearestRank(99, 100)).toBe(99);
    expect(nearestRank(95, 100)).toBe(95);
    expect(nearestRank(50, 1)).toBe(1);
    expect(nearestRank(50, 10)).toBe(5);
    expect(nearestRank(99, 1000)).toBe(990);
  });
});
