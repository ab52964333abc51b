import { describe, expect, it } from "vitest";
import { ConcurrencyGate, GateFullError } from "./concurrency-gate";

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("concurrency gate", () => {
  it("runs at most `limit` tasks at once, queues up to `maxWaiting`, refuses the rest", async () => {
    const gate = new ConcurrencyGate(2, 3);
    const releases = Array.from({ length: 5 }, deferred);
    let peak = 0;
    let now = 0;
    const runs = releases.map((release) =>
      gate.run(async () => {
        now++;
        peak = Math.max(peak, now);
        await release.promise;
        now--;
      }),
    );
    await expect(gate.run(() => Promise.resolve())).rejects.toBeInstanceOf(GateFullError);
    expect(gate.active).toBe(2);
    for (const release of releases) release.resolve();
    await Promise.all(runs);
    expect(peak).toBe(2);
    expect(gate.active).toBe(0);
  });

  it("frees its place when a task throws", async () => {
    const gate = new ConcurrencyGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(() => Promise.resolve(7))).toBe(7);
  });
});
