import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase, type DatabaseHandle } from "@/server/db/database";
import { DeliveryLog } from "@/server/notifications/delivery-log";
import { OutboxStore } from "@/server/notifications/outbox-store";
import { rootLogger } from "@/server/logger";
import { PatternStore } from "@/server/pipeline/pattern-store";
import { type SignalRow, SignalStore } from "@/server/pipeline/signal-store";
import { aaplSpring } from "./support/patterns";
import { signalRow } from "./support/signal-row";
import { freshDatabaseUrl } from "./support/test-server";

const POSTGRES_URL = `postgres://postgres@127.0.0.1:5432/test?schema=t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;

const preferences = {
  equity: "5000.00",
  risk_percentage: 1.5,
  min_confidence: 70,
  min_r_multiple: 2,
  max_leverage: 4,
  ttl_seconds: 300,
  watchlist: ["AAPL"],
  sound: true,
  desktop_notifications: false,
};

/** The shared example row as a pending delivery owned by node-a (what these store tests start from). */
function pendingRow(overrides: Partial<SignalRow> & Pick<SignalRow, "pattern_id" | "user_id">): SignalRow {
  return signalRow({
    delivery_state: "pending",
    delivery_attempts: 0,
    acked_at: null,
    delivery_owner: "node-a",
    lease_until: 20_000,
    ...overrides,
  });
}

describe.each([
  ["SQLite", () => freshDatabaseUrl()],
  ["PostgreSQL", () => POSTGRES_URL],
])("database layer on %s", (_name, url) => {
  let handle: DatabaseHandle;
  let users: UserStore;
  let signals: SignalStore;
  let patterns: PatternStore;
  let userId: string;
  let patternId: string;

  beforeAll(async () => {
    handle = await openDatabase(url());
    // Opening twice applies no migration twice.
    await (await openDatabase(url())).close();
    users = new UserStore(handle.db);
    signals = new SignalStore(handle.db);
    patterns = new PatternStore(handle.db);
    userId = (await users.create({ email: "Someone@Example.com", passwordHash: "x", role: "trader", preferences })).id;
    patternId = randomUUID();
    expect(await patterns.insert(patternId, aaplSpring({ idempotency_key: `k-${patternId}` }), "api", 1_000)).toBe(true);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("keeps emails unique whatever their case", async () => {
    expect((await users.findByEmail("SOMEONE@example.com"))?.id).toBe(userId);
    await expect(users.create({ email: "someone@EXAMPLE.com", passwordHash: "y", role: "trader", preferences })).rejects.toThrow();
  });

  it("round-trips preferences and the disabled flag", async () => {
    await users.updatePreferences(userId, { ...preferences, equity: "7500.50", watchlist: ["MSFT", "SPY"] });
    expect(await users.setDisabled(userId, true)).toBe(true);
    const row = await users.findById(userId);
    expect(row).toMatchObject({
      equity: "7500.50",
      watchlist: '["MSFT","SPY"]',
      disabled: 1,
      min_confidence: 70,
      created_at: expect.any(Number) as number,
    });
    await users.setDisabled(userId, false);
  });

  it("refuses a second pattern with the same idempotency key", async () => {
    expect(await patterns.insert(randomUUID(), aaplSpring({ idempotency_key: `k-${patternId}` }), "api", 2_000)).toBe(false);
  });

  it("records the first ack once, expires each due signal for exactly one caller, and claims abandoned deliveries", async () => {
    const acked = pendingRow({ pattern_id: patternId, user_id: userId });
    const due = pendingRow({ pattern_id: patternId, user_id: userId, expires_at: 5_000 });
    const abandoned = pendingRow({ pattern_id: patternId, user_id: userId, lease_until: 9_000 });
    await signals.insertMany([acked, due, abandoned]);

    const outbox = new OutboxStore(handle);
    // Two acks of one signal in one group commit: only the first is the delivery's.
    const committed = await outbox.commit(
      [
        { kind: "acked", signalId: acked.id, attempts: 1, ackedAt: 1_200 },
        { kind: "acked", signalId: acked.id, attempts: 2, ackedAt: 1_300 },
      ],
      [],
    );
    expect([...committed.firstAcks]).toEqual([acked.id]);
    expect((await signals.findById(acked.id))?.acked_at).toBe(1_200);
    expect((await outbox.outboxFor(userId, 2_000)).map((row) => row.id).sort()).toEqual([due.id, abandoned.id].sort());

    const [first, second] = await Promise.all([outbox.expireDue(6_000), outbox.expireDue(6_000)]);
    expect([...first, ...second].map((row) => row.id)).toEqual([due.id]);

    const claimed = await outbox.claimAbandoned("node-b", 10_000, 15_000);
    expect(claimed.map((row) => row.id)).toEqual([abandoned.id]);
    expect(claimed[0]).toMatchObject({ delivery_owner: "node-b", lease_until: 25_000 });
    expect(await outbox.claimAbandoned("node-c", 10_000, 15_000)).toEqual([]);
  });

  it("takes a decision only while the signal is approved and unexpired", async () => {
    const open = pendingRow({ pattern_id: patternId, user_id: userId, expires_at: 50_000 });
    await signals.insertMany([open]);
    expect(await signals.decide(open.id, "someone-else", "taken", null, 10_000)).toBe(false);
    expect(await signals.decide(open.id, userId, "taken", "looks good", 10_000)).toBe(true);
    expect(await signals.decide(open.id, userId, "skipped", null, 11_000)).toBe(false);
    expect((await signals.findById(open.id))?.status).toBe("taken");
  });

  it("finds duplicates by user, symbol, timeframe, pattern and test flag, from the given moment on", async () => {
    const key = { symbol: "DUPK", timeframe: "1h", patternType: "SPRING" };
    const at = (overrides: Partial<SignalRow>) =>
      signalRow({
        pattern_id: patternId,
        user_id: userId,
        symbol: "DUPK",
        timeframe: "1h",
        pattern_type: "SPRING",
        created_at: 50_000,
        ...overrides,
      });
    await signals.insertMany([at({ timeframe: "4h" }), at({ is_test: 1 }), at({ status: "rejected" }), at({ created_at: 10_000 })]);
    expect(await signals.recentKeysFor([userId], key, 20_000, false)).toEqual(new Set());
    await signals.insertMany([at({})]);
    expect(await signals.recentKeysFor([userId, randomUUID()], key, 20_000, false)).toEqual(new Set([userId]));
    expect(await signals.recentKeysFor([userId], key, 60_000, false)).toEqual(new Set());
  });

  it.runIf(url().startsWith("file:"))("checks duplicates through their own index, whatever the history", () => {
    // Without this index SQLite's planner read every signal of each user (54 ms an ingest over 1,000,000 rows).
    const compiled = signals
      .duplicateQuery([userId, randomUUID()], { symbol: "AAPL", timeframe: "1h", patternType: "SPRING" }, 0, false)
      .compile();
    const plan = (handle.sqlite!.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters) as { detail: string }[])
      .map((row) => row.detail)
      .join("; ");
    expect(plan).toContain(
      "USING INDEX signals_duplicate_key (user_id=? AND symbol=? AND timeframe=? AND pattern_type=? AND is_test=? AND created_at>?)",
    );
  });

  it("pages the delivery log newest first without gaps or repeats", async () => {
    const log = new DeliveryLog(handle, rootLogger.child({ ns: "test" }, { level: "silent" }));
    const signal = pendingRow({ pattern_id: patternId, user_id: userId });
    await signals.insertMany([signal]);
    for (let attempt = 1; attempt <= 7; attempt++) {
      log.append({
        signal_id: signal.id,
        user_id: userId,
        user_email: "someone@example.com",
        symbol: "AAPL",
        attempt,
        outcome: attempt === 7 ? "delivered" : "timeout",
        latency_ms: attempt * 10,
        sockets: 0,
        error: null,
        created_at: 1_000 + attempt,
      });
    }
    await log.flush();
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await log.query({ signal: signal.id, limit: 3, cursor });
      seen.push(...page.rows.map((row) => row.attempt));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const delivered = await log.query({ signal: signal.id, status: "delivered", limit: 50 });
    expect(delivered.rows).toHaveLength(1);
    expect(delivered.rows[0]).toMatchObject({
      user_email: "someone@example.com",
      symbol: "AAPL",
      latency_ms: 70,
      created_at: new Date(1_007).toISOString(),
    });
  });
  it("keeps no index led by the user on the attempt log, and filters it by user id or email to exactly that user's rows", async () => {
    const other = (await users.create({ email: `Other-${randomUUID()}@Example.com`, passwordHash: "x", role: "trader", preferences })).id;
    const mine = signalRow({ pattern_id: patternId, user_id: userId, symbol: "LOGU" });
    const theirs = signalRow({ pattern_id: patternId, user_id: other, symbol: "LOGU" });
    await signals.insertMany([mine, theirs]);
    const log = new DeliveryLog(handle, rootLogger.child({ ns: "test" }, { level: "silent" }));
    for (const [row, attempt] of [
      [mine, 1],
      [theirs, 1],
      [mine, 2],
      [theirs, 2],
    ] as const) {
      log.append({
        signal_id: row.id,
        user_id: row.user_id,
        symbol: "LOGU",
        attempt,
        outcome: "timeout",
        latency_ms: 1,
        sockets: 0,
        error: null,
        created_at: 2_000 + attempt,
      });
    }
    await log.flush();
    const byId = await log.query({ user: userId, symbol: "LOGU", limit: 50 });
    expect(byId.rows.map((row) => [row.signal_id, row.attempt])).toEqual([
      [mine.id, 2],
      [mine.id, 1],
    ]);
    const byEmail = await log.query({ user: "SOMEONE@example.com", symbol: "LOGU", limit: 50 });
    expect(byEmail.rows.map((row) => row.id)).toEqual(byId.rows.map((row) => row.id));
    expect((await log.query({ user: "nobody@example.com", limit: 50 })).rows).toEqual([]);

    // Migration 0013: every index left on the log grows at its end (no random leading key per attempt).
    const indexed = handle.sqlite
      ? (handle.sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'delivery_log'").all() as Array<{
          name: string;
        }>)
      : (
          await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'delivery_log' and schemaname = current_schema()`.execute(handle.db)
        ).rows;
    expect(indexed.map((row) => row.name)).not.toContain("delivery_log_user");
    expect(indexed.map((row) => row.name)).toContain("delivery_log_signal");
  });
});
