import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, delayAfterFailure, deliveryLeaseMs } from "./retry-policy";

describe("retry policy", () => {
  it("waits 100, 500 then 2000 ms before attempts 2, 3 and 4, then gives up", () => {
    expect(MAX_ATTEMPTS).toBe(4);
    expect([1, 2, 3, 4].map(delayAfterFailure)).toEqual([100, 500, 2000, null]);
  });

  it("leases a delivery for longer than its worst case", () => {
    expect(deliveryLeaseMs(1000)).toBe(2600 + 4000 + 5000);
  });
});
