import { describe, expect, it } from "vitest";
import { FakeClock } from "@/tests/support/fake-clock";
import { rootLogger } from "./logger";
import { runShutdown, SHUTDOWN_GRACE_MS, type ShutdownSteps } from "./shutdown-sequence";

const quiet = rootLogger.child({});
quiet.level = "silent";

function recordingSteps(flush: () => Promise<void>): { steps: ShutdownSteps; order: string[] } {
  const order: string[] = [];
  return {
    order,
    steps: {
      stopAccepting: () => void order.push("stop accepting"),
      flush: async () => {
        order.push("flush started");
        await flush();
        order.push("flushed");
      },
      closeConnections: () => {
        order.push("connections closed");
        return Promise.resolve();
      },
      closeStores: () => {
        order.push("stores closed");
        return Promise.resolve();
      },
    },
  };
}

describe("shutdown order", () => {
  it("stops accepting, then flushes while connections are open, then closes connections, then stores", async () => {
    const clock = new FakeClock();
    const { steps, order } = recordingSteps(() => clock.sleep(500));
    const done = runShutdown(steps, clock, quiet);
    await clock.advance(499);
    expect(order).toEqual(["stop accepting", "flush started"]);
    await clock.advance(1);
    await done;
    expect(order).toEqual(["stop accepting", "flush started", "flushed", "connections closed", "stores closed"]);
  });

  it("closes the connections after the grace period when a flush hangs, and leaves the stores to it", async () => {
    const clock = new FakeClock();
    const { steps, order } = recordingSteps(() => new Promise(() => undefined));
    let finished = false;
    const done = runShutdown(steps, clock, quiet).then(() => (finished = true));
    await clock.advance(SHUTDOWN_GRACE_MS - 1);
    expect(order).toEqual(["stop accepting", "flush started"]);
    expect(finished).toBe(false);
    await clock.advance(1);
    await done;
    expect(order).toEqual(["stop accepting", "flush started", "connections closed"]);
  });
});
