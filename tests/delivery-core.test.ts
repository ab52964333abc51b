import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/server/db/database";
import { rootLogger } from "@/server/logger";
import { createMetrics } from "@/server/metrics";
import { DeliveryBook, type CommittedAck } from "@/server/notifications/delivery-book";
import { DeliverySweeps, EXPIRY_INTERVAL_MS, TAKEOVER_BATCH } from "@/server/notifications/delivery-sweeps";
import { OutboxStore, type ExpiredSignal } from "@/server/notifications/outbox-store";
import { RetentionJob } from "@/server/notifications/retention-job";
import { type SignalRow, SignalStore } from "@/server/pipeline/signal-store";
import type { SignalDeskIo } from "@/server/realtime/socket-types";
import { FakeClock } from "./support/fake-clock";
import { signalRow } from "./support/signal-row";
import { openDeliveryDatabase } from "./support/delivery-database";

const silent = rootLogger.child({ ns: "test" }, { level: "silent" });
const DAY_MS = 86_400_000;

let handle: DatabaseHandle;
let userId: string;
let patternId: string;

/** A pending delivery owned by node-a: the shared example row with this file's user and pattern. */
function pendingRow(overrides: Partial<SignalRow> = {}): SignalRow {
  return signalRow({
    pattern_id: patternId,
    user_id: userId,
    expires_at: 10_000_000,
    delivery_state: "pending",
    delivery_attempts: 0,
    acked_at: null,
    delivery_owner: "node-a",
    lease_until: 5_000_000,
    ...overrides,
  });
}

beforeAll(async () => {
  ({ handle, userId, patternId } = await openDeliveryDatabase("core@example.com"));
});
afterAll(async () => {
  await handle.close();
});

describe("delivery book (group commit)", () => {
  function book(clock: FakeClock, options: { maxBatch?: number; failFirst?: number } = {}) {
    const store = new OutboxStore(handle);
    const commits: number[] = [];
    let failures = options.failFirst ?? 0;
    const firstAcks: CommittedAck[] = [];
    const counting = {
      commit: (...args: Parameters<OutboxStore["commit"]>) => {
        if (failures > 0) {
          failures -= 1;
          return Promise.reject(new Error("database is down"));
        }
        commits.push(args[0].length + args[1].length);
        return store.commit(...args);
      },
    };
    const subject = new DeliveryBook({
      store: counting,
      clock,
      logger: silent,
      flushIntervalMs: 5,
      ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
      onFirstAcks: (acks) => firstAcks.push(...acks),
    });
    return { subject, commits, firstAcks };
  }

  const logRow = (signal: SignalRow, attempt: number) => ({
    signal_id: signal.id,
    user_id: signal.user_id,
    symbol: signal.symbol,
    channel: "socket" as const,
    attempt,
    outcome: "delivered" as const,
    latency_ms: 3,
    sockets: 1,
    error: null,
    created_at: 2_000,
  });

  it("commits acks and log rows of one window together, once the window closes", async () => {
    const clock = new FakeClock();
    const signals = [pendingRow(), pendingRow(), pendingRow()];
    await new SignalStore(handle.db).insertMany(signals);
    const { subject, commits, firstAcks } = book(clock);
    for (const signal of signals) {
      subject.bookAck(signal.id, 1, clock.now(), 2.5);
      subject.appendLog(logRow(signal, 1));
    }
    expect(subject.hasUncommittedAck(signals[0]!.id)).toBe(true);
    await clock.advance(4);
    expect(commits).toEqual([]);
    await clock.advance(1);
    await subject.flush();
    expect(commits).toEqual([6]);
    expect(subject.hasUncommittedAck(signals[0]!.id)).toBe(false);
    expect(firstAcks.map((ack) => ack.signalId).sort()).toEqual(signals.map((s) => s.id).sort());
    const stored = await handle.db
      .selectFrom("signals")
      .select(["acked_at", "delivery_state"])
      .where(
        "id",
        "in",
        signals.map((s) => s.id),
      )
      .execute();
    expect(stored.every((row) => row.acked_at === clock.now() - 5 && row.delivery_state === "delivered")).toBe(true);
    const logged = await handle.db
      .selectFrom("delivery_log")
      .select("channel")
      .where(
        "signal_id",
        "in",
        signals.map((s) => s.id),
      )
      .execute();
    expect(logged.map((row) => row.channel)).toEqual(["socket", "socket", "socket"]);
  });

  it("commits at once when a batch is full, without waiting for the window", async () => {
    const clock = new FakeClock();
    const signals = [pendingRow(), pendingRow()];
    await new SignalStore(handle.db).insertMany(signals);
    const { subject, commits } = book(clock, { maxBatch: 4 });
    subject.bookAck(signals[0]!.id, 1, clock.now(), 1);
    subject.appendLog(logRow(signals[0]!, 1));
    subject.bookAck(signals[1]!.id, 1, clock.now(), 1);
    subject.appendLog(logRow(signals[1]!, 1));
    await subject.flush();
    expect(commits).toEqual([4]);
    expect(clock.now()).toBe(1_000_000);
  });

  it("counts a delivery once when two acks of it share a commit", async () => {
    const clock = new FakeClock();
    const signal = pendingRow();
    await new SignalStore(handle.db).insertMany([signal]);
    const { subject, firstAcks } = book(clock);
    subject.bookAck(signal.id, 1, clock.now(), 4);
    subject.bookAck(signal.id, 2, clock.now() + 1, 9);
    await clock.advance(5);
    await subject.flush();
    expect(firstAcks.filter((ack) => ack.signalId === signal.id)).toHaveLength(1);
    expect(await new SignalStore(handle.db).findById(signal.id)).toMatchObject({ acked_at: clock.now() - 5, delivery_attempts: 1 });
  });

  it("keeps what the database refused and commits it a second later", async () => {
    const clock = new FakeClock();
    const signal = pendingRow();
    await new SignalStore(handle.db).insertMany([signal]);
    const { subject, commits } = book(clock, { failFirst: 1 });
    subject.bookAck(signal.id, 1, clock.now(), 1);
    await clock.advance(5);
    expect(commits).toEqual([]);
    expect(subject.pending).toBe(1);
    expect(subject.hasUncommittedAck(signal.id)).toBe(true);
    await clock.advance(999);
    expect(commits).toEqual([]);
    await clock.advance(1);
    await subject.flush();
    expect(commits).toEqual([1]);
    expect((await new SignalStore(handle.db).findById(signal.id))?.acked_at).toBe(1_000_000);
  });
});

describe("delivery sweeps", () => {
  const io = { to: () => ({ emit: () => true }), of: () => ({ adapter: { rooms: new Map() } }) } as unknown as SignalDeskIo;

  function sweeps(clock: FakeClock, outbox: Partial<OutboxStore>) {
    const noRows = () => Promise.resolve([]);
    return new DeliverySweeps({
      io,
      outbox: { expireDue: noRows, claimAbandoned: noRows, claimReplays: noRows, ...outbox },
      attempts: { recordExpiry: () => undefined, replay: () => Promise.resolve() },
      emitter: { emit: () => Promise.reject(new Error("not used")) },
      retention: null,
      metrics: createMetrics(),
      clock,
      logger: silent,
      nodeId: "node-test",
      leaseMs: 10_000,
      resume: () => true,
      track: () => undefined,
    });
  }

  it("never starts an expiry sweep while the previous one is still running", async () => {
    const clock = new FakeClock();
    let runs = 0;
    let release: () => void = () => undefined;
    const subject = sweeps(clock, {
      expireDue: () => {
        runs += 1;
        return new Promise<ExpiredSignal[]>((resolve) => (release = () => resolve([])));
      },
    });
    subject.start();
    await clock.advance(0);
    expect(runs).toBe(1);
    await clock.advance(EXPIRY_INTERVAL_MS * 8);
    expect(runs).toBe(1);
    release();
    await clock.advance(EXPIRY_INTERVAL_MS - 1);
    expect(runs).toBe(1);
    await clock.advance(1);
    expect(runs).toBe(2);
    release();
    await subject.stop();
  });

  it("keeps claiming abandoned deliveries while full batches come back", async () => {
    const clock = new FakeClock();
    const batches = [TAKEOVER_BATCH, TAKEOVER_BATCH, 3];
    const claims: number[] = [];
    const subject = sweeps(clock, {
      claimAbandoned: () => {
        const size = batches.shift() ?? 0;
        claims.push(size);
        return Promise.resolve(Array.from({ length: size }, () => pendingRow()));
      },
    });
    await subject.takeOverAbandoned();
    expect(claims).toEqual([TAKEOVER_BATCH, TAKEOVER_BATCH, 3]);
  });
});

describe("sweep indexes and retention", () => {
  it("answers every sweep from an index, never a scan of signals", () => {
    const plans = new OutboxStore(handle).explainSweeps(Date.now())!;
    expect(plans.expiry).toContain("signals_expiry_due");
    expect(plans.takeover).toContain("signals_takeover_due");
    expect(plans.replay).toContain("signals_replay_due");
    expect(plans.outbox).toContain("USING INDEX signals_outbox");
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/SCAN signals(?! USING)/);
  });

  it("prunes old delivery-log rows, rejected signals and revoked sessions in batches, and nothing newer", async () => {
    const clock = new FakeClock(100 * DAY_MS);
    const old = clock.now() - 31 * DAY_MS;
    const recent = clock.now() - 29 * DAY_MS;
    const oldRejected = pendingRow({ status: "rejected", created_at: old, approved_at: null, delivery_state: null });
    const oldApproved = pendingRow({ created_at: old });
    const recentRejected = pendingRow({ status: "rejected", created_at: recent, approved_at: null, delivery_state: null });
    await new SignalStore(handle.db).insertMany([oldRejected, oldApproved, recentRejected]);
    const logRows = (createdAt: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        signal_id: oldApproved.id,
        user_id: userId,
        attempt: i + 1,
        outcome: "timeout" as const,
        latency_ms: 1,
        sockets: 0,
        error: null,
        created_at: createdAt,
      }));
    await handle.db.insertInto("delivery_log").values(logRows(old, 1_200)).execute();
    await handle.db.insertInto("delivery_log").values(logRows(recent, 5)).execute();
    await handle.db
      .insertInto("revoked_sessions")
      .values([
        { session_id: randomUUID(), user_id: userId, revoked_at: old },
        { session_id: randomUUID(), user_id: userId, revoked_at: recent },
      ])
      .execute();

    const { n: oldRows } = await handle.db
      .selectFrom("delivery_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("created_at", "<", clock.now() - 30 * DAY_MS)
      .executeTakeFirstOrThrow();
    expect(oldRows).toBeGreaterThanOrEqual(1_200);

    const counts = await new RetentionJob(handle.db, clock, 30, 500).pruneOnce();
    expect(counts).toEqual({ delivery_log: oldRows, rejected_signals: 1, revoked_sessions: 1 });
    const signals = new SignalStore(handle.db);
    expect(await signals.findById(oldRejected.id)).toBeUndefined();
    expect(await signals.findById(oldApproved.id)).toBeDefined();
    expect(await signals.findById(recentRejected.id)).toBeDefined();
    const left = await handle.db.selectFrom("delivery_log").select("created_at").where("signal_id", "=", oldApproved.id).execute();
    expect(left.map((row) => row.created_at)).toEqual(Array(5).fill(recent));
  });
});
