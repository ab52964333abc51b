import type { Clock } from "@/server/clock";

/**
 * A clock that moves only when a test advances it: sleepers wake in time order, and each waits for the
 * promise callbacks it triggers before the next one is due, so batching and sweep timing are exact.
 */
export class FakeClock implements Clock {
  private current: number;
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(start = 1_000_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper = { at: this.current + Math.max(0, ms), wake: resolve };
      this.sleepers.push(sleeper);
      // An aborted sleep wakes at once and no longer counts as waiting.
      signal?.addEventListener(
        "abort",
        () => {
          this.sleepers = this.sleepers.filter((one) => one !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Sleepers still waiting. */
  get waiting(): number {
    return this.sleepers.length;
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (!next || next.at > target) break;
      this.sleepers.shift();
      this.current = next.at;
      next.wake();
    }
    this.current = target;
    await settle();
  }
}

/** Lets pending promise callbacks (several hops deep) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
