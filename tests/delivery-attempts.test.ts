import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignalNotification } from "@/lib/signal-notification";
import type { DatabaseHandle } from "@/server/db/database";
import type { DeliveryOutcome } from "@/server/db/schema";
import { rootLogger } from "@/server/logger";
import { createMetrics } from "@/server/metrics";
import { DeliveryAttempts, REPLAY_INTERVAL_MS } from "@/server/notifications/delivery-attempts";
import { DeliveryEvents, type AttemptSettledEvent } from "@/server/notifications/delivery-events";
import { DeliveryLog } from "@/server/notifications/delivery-log";
import { type AttemptResult, type FirstAckEmitter, NO_SOCKET } from "@/server/notifications/first-ack-emitter";
import { OutboxStore } from "@/server/notifications/outbox-store";
import { type SignalRow, SignalStore } from "@/server/pipeline/signal-store";
import { FakeClock } from "./support/fake-clock";
import { signalRow } from "./support/signal-row";
import { openDeliveryDatabase } from "./support/delivery-database";

/**
 * The attempt loop (contract §4) on a FakeClock over a real SQLite database: only the socket side is faked.
 * The schedule is written out here on purpose (not imported from retry-policy.ts), so a changed delay fails.
 */
const ACK_TIMEOUT_MS = 1000;
const START = 1_000_000;
const silent = rootLogger.child({ ns: "test" }, { level: "silent" });

type Answer = "ack" | "no-ack" | "no-connection";

/**
 * Stands in for FirstAckEmitter: records when each attempt is emitted and answers as scripted. A `no-ack`
 * waits out the ack timeout on the fake clock, as the real emitter does on its timer.
 */
class ScriptedEmitter {
  readonly emittedAt: number[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly script: Answer[],
  ) {}

  async emit(_userId: string, _payload: SignalNotification): Promise<AttemptResult> {
    this.emittedAt.push(this.clock.now());
    const answer = this.script[this.emittedAt.length - 1] ?? "no-ack";
    if (answer === "ack") return { outcome: "delivered", sockets: 1, error: null };
    if (answer === "no-connection") return NO_SOCKET;
    await this.clock.sleep(ACK_TIMEOUT_MS);
    return { outcome: "timeout", sockets: 0, error: `no ack within ${ACK_TIMEOUT_MS} ms` };
  }
}

let handle: DatabaseHandle;
let userId: string;
let patternId: string;

beforeAll(async () => {
  ({ handle, userId, patternId } = await openDeliveryDatabase("attempts@example.com"));
});
afterAll(async () => {
  await handle.close();
});

/** A stored, pending delivery approved at START. */
async function storedSignal(overrides: Partial<SignalRow> = {}): Promise<SignalRow> {
  const row = signalRow({
    pattern_id: patternId,
    user_id: userId,
    approved_at: START,
    expires_at: START + 3_600_000,
    delivery_state: "pending",
    delivery_attempts: 0,
    acked_at: null,
    delivery_owner: "node-a",
    lease_until: START + 60_000,
    ...overrides,
  });
  await new SignalStore(handle.db).insertMany([row]);
  return row;
}

/**
 * Runs one delivery from attempt 1 while the fake clock moves 1 ms at a time, with a real turn of the event
 * loop between steps (the database answers in it): an emit is recorded at the first millisecond it happens.
 */
async function deliver(row: SignalRow, script: Answer[], runMs = 10_000) {
  const clock = new FakeClock(START);
  const emitter = new ScriptedEmitter(clock, script);
  const log = new DeliveryLog(handle, silent, { clock });
  const events = new DeliveryEvents(silent);
  const settled: AttemptSettledEvent[] = [];
  events.onAttemptSettled((event) => settled.push(event));
  const attempts = new DeliveryAttempts({
    // The loop only calls emit(); the real class needs a Socket.IO server.
    emitter: emitter as unknown as FirstAckEmitter,
    outbox: new OutboxStore(handle),
    log,
    book: log.book,
    events,
    metrics: createMetrics(),
    clock,
    isStopping: () => false,
  });
  let done = false;
  const run = attempts.run({ row }, 1).then(() => (done = true));
  for (let step = 0; step < runMs; step++) {
    await clock.advance(1);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // A loop still waiting here has scheduled more than the contract allows; fail now, not at the test timeout.
  expect(done).toBe(true);
  await run;
  await log.flush();
  const stored = await new SignalStore(handle.db).findById(row.id);
  const logged = await handle.db
    .selectFrom("delivery_log")
    .select(["attempt", "outcome", "created_at"])
    .where("signal_id", "=", row.id)
    .orderBy("attempt")
    .execute();
  return { emittedAt: emitter.emittedAt, settled, stored, logged };
}

const outcomes = (rows: Array<{ outcome: DeliveryOutcome }>) => rows.map((row) => row.outcome);

describe("delivery attempt loop on a fake clock", () => {
  it("makes exactly one attempt when the first is acked, and books it delivered", async () => {
    const row = await storedSignal();
    const { emittedAt, stored, logged, settled } = await deliver(row, ["ack"]);
    expect(emittedAt).toEqual([START]);
    expect(stored).toMatchObject({ delivery_state: "delivered", acked_at: START, delivery_attempts: 1, next_replay_at: null });
    expect(logged).toEqual([{ attempt: 1, outcome: "delivered", created_at: START }]);
    expect(settled.map((event) => event.final)).toEqual([false]);
  });

  it("retries unacked attempts 100, 500 and 2000 ms after each ack timeout, then books the delivery failed", async () => {
    const row = await storedSignal();
    const { emittedAt, stored, logged, settled } = await deliver(row, ["no-ack", "no-ack", "no-ack", "no-ack"]);
    const failedAt = [START + 1000, START + 2100, START + 3600, START + 6600];
    expect(emittedAt).toEqual([START, failedAt[0]! + 100, failedAt[1]! + 500, failedAt[2]! + 2000]);
    expect(logged).toEqual(failedAt.map((at, i) => ({ attempt: i + 1, outcome: "timeout", created_at: at })));
    expect(stored).toMatchObject({ delivery_state: "failed", acked_at: null, delivery_attempts: 4, lease_until: null });
    expect(stored?.next_replay_at).toBe(failedAt[3]! + REPLAY_INTERVAL_MS);
    expect(settled.map((event) => event.final)).toEqual([false, false, false, true]);
  });

  it("keeps the same gaps when nobody is connected (an attempt that fails at once)", async () => {
    const row = await storedSignal();
    const { emittedAt, stored, logged } = await deliver(row, Array<Answer>(4).fill("no-connection"));
    expect(emittedAt).toEqual([START, START + 100, START + 600, START + 2600]);
    expect(outcomes(logged)).toEqual(Array(4).fill("no_connection"));
    expect(stored).toMatchObject({ delivery_state: "failed", delivery_attempts: 4, next_replay_at: START + 2600 + REPLAY_INTERVAL_MS });
  });

  it("stops retrying once a retry is acked", async () => {
    const row = await storedSignal();
    const { emittedAt, stored, logged } = await deliver(row, ["no-ack", "no-connection", "ack", "ack"]);
    // Attempt 1 times out at +1000, attempt 2 fails at once at +1100, attempt 3 (after 500 ms) is acked.
    expect(emittedAt).toEqual([START, START + 1100, START + 1600]);
    expect(outcomes(logged)).toEqual(["timeout", "no_connection", "delivered"]);
    expect(stored).toMatchObject({ delivery_state: "delivered", acked_at: START + 1600, delivery_attempts: 3, next_replay_at: null });
  });

  it("books an ack on the last retry as delivered, not failed", async () => {
    const row = await storedSignal();
    const { emittedAt, stored, settled } = await deliver(row, ["no-connection", "no-connection", "no-connection", "ack"]);
    expect(emittedAt).toEqual([START, START + 100, START + 600, START + 2600]);
    expect(stored).toMatchObject({ delivery_state: "delivered", acked_at: START + 2600, delivery_attempts: 4, next_replay_at: null });
    expect(settled.map((event) => event.final)).toEqual([false, false, false, false]);
  });

  // Every attempt times out: attempt n fails at `failedAt` and its retry is due `delay` later.
  it.each([
    { retry: 1, failedAt: START + 1000, delay: 100 },
    { retry: 2, failedAt: START + 2100, delay: 500 },
    { retry: 3, failedAt: START + 3600, delay: 2000 },
  ])("does not make retry $retry of a signal that expires before it is due", async ({ retry, failedAt, delay }) => {
    // Expiry is `expires_at <= now`: expiring at the retry's moment stops it, one millisecond later does not.
    const expiring = await storedSignal({ expires_at: failedAt + delay });
    const gone = await deliver(expiring, ["no-ack", "no-ack", "no-ack", "no-ack"]);
    expect(gone.emittedAt).toHaveLength(retry);
    expect(outcomes(gone.logged)).toEqual(Array(retry).fill("timeout"));
    expect(gone.stored).toMatchObject({ delivery_state: "pending", acked_at: null, delivery_attempts: retry });

    const lasting = await storedSignal({ expires_at: failedAt + delay + 1 });
    const retried = await deliver(lasting, [...Array<Answer>(retry).fill("no-ack"), "ack"]);
    expect(retried.emittedAt).toHaveLength(retry + 1);
    expect(retried.emittedAt.at(-1)).toBe(failedAt + delay);
    expect(retried.stored).toMatchObject({ delivery_state: "delivered", acked_at: failedAt + delay, delivery_attempts: retry + 1 });
  });
});
