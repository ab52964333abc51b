import { describe, expect, it } from "vitest";
import { FakeClock } from "@/tests/support/fake-clock";
import { every, systemClock } from "./clock";

function recordingLogger() {
  const errors: Array<{ fields: unknown; message: string }> = [];
  return { errors, logger: { error: (fields: object, message: string) => void errors.push({ fields, message }) } };
}

describe("every()", () => {
  it("runs once per interval on the clock, first after one interval unless told to run at start", async () => {
    const clock = new FakeClock(0);
    const { logger } = recordingLogger();
    const runs: number[] = [];
    const job = every(clock, "tick", 1000, () => runs.push(clock.now()), { logger });
    await clock.advance(999);
    expect(runs).toEqual([]);
    await clock.advance(2001);
    expect(runs).toEqual([1000, 2000, 3000]);
    await job.stop();

    const eager = every(clock, "tick", 1000, () => runs.push(clock.now()), { logger, runAtStart: true });
    await clock.advance(0);
    expect(runs.at(-1)).toBe(3000);
    await eager.stop();
  });

  it("never overlaps: the next interval starts when a slow run has ended", async () => {
    const clock = new FakeClock(0);
    const { logger } = recordingLogger();
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const job = every(
      clock,
      "slow",
      100,
      async () => {
        started.push(clock.now());
        running += 1;
        most = Math.max(most, running);
        await clock.sleep(250);
        running -= 1;
      },
      { logger },
    );
    await clock.advance(1000);
    // Run at 100 ends at 350; next at 450, ends 700; next at 800.
    expect(started).toEqual([100, 450, 800]);
    expect(most).toBe(1);
    // The run from 800 sleeps until 1050: stop() waits for it.
    const stopped = job.stop();
    await clock.advance(250);
    await stopped;
  });

  it("logs a failed run with its name and goes on", async () => {
    const clock = new FakeClock(0);
    const { errors, logger } = recordingLogger();
    let calls = 0;
    const durations: number[] = [];
    const job = every(
      clock,
      "flaky sweep",
      10,
      () => {
        calls += 1;
        if (calls === 1) throw new Error("database away");
        return Promise.reject(new Error("still away"));
      },
      { logger, onRun: (ms) => durations.push(ms) },
    );
    await clock.advance(30);
    expect(calls).toBe(3);
    expect(errors.map((error) => error.message)).toEqual(["flaky sweep failed", "flaky sweep failed", "flaky sweep failed"]);
    expect(errors[0]?.fields).toMatchObject({ job: "flaky sweep", err: { message: "database away" } });
    expect(durations).toHaveLength(3);
    await job.stop();
  });

  it("stop() waits for the run under way, starts no other, and leaves nothing sleeping", async () => {
    const clock = new FakeClock(0);
    const { logger } = recordingLogger();
    let finished = 0;
    let calls = 0;
    const job = every(
      clock,
      "long",
      10,
      async () => {
        calls += 1;
        await clock.sleep(50);
        finished += 1;
      },
      { logger },
    );
    await clock.advance(10);
    expect(calls).toBe(1);
    const stopped = job.stop();
    await clock.advance(50);
    await stopped;
    expect(finished).toBe(1);
    await clock.advance(1000);
    expect(calls).toBe(1);
    expect(clock.waiting).toBe(0);
  });

  it("on the system clock, stop() cancels the pending wait at once", async () => {
    const { logger } = recordingLogger();
    let calls = 0;
    const job = every(systemClock, "hourly", 3_600_000, () => (calls += 1), { logger });
    const started = performance.now();
    await job.stop();
    expect(calls).toBe(0);
    // Nothing is left to wait for: the test process would otherwise be held open for an hour (vitest reports it).
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
