import SQLite from "better-sqlite3";
import { trySignIn } from "@/tests/support/session";
import { TEST_INGEST_KEY, type TestServer } from "@/tests/support/test-server";
import { BENCH_PASSWORD, FANOUT_SYMBOLS } from "./bench-seed";
import type { ClientFleet } from "./client-fleet";

const TICK_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let symbolCounter = 0;
/** A fresh symbol per pattern, so the 15-minute duplicate rule never rejects a bench approval. */
const nextSymbol = (prefix: string) => `${prefix}${(symbolCounter++).toString(36).toUpperCase()}`;

export interface PhaseResult {
  /** approval → ack at the server, ms with sub-millisecond resolution, one per delivered signal. */
  latencies: number[];
  approvals: number;
  seconds: number;
  lost: number;
  duplicated: number;
  misdelivered: number;
  requestErrors: string[];
}

/** Posts one pattern; its approvals go into `expected` (signal → user). */
async function approve(server: TestServer, users: string[] | null, symbol: string, expected: Map<string, string>, errors: string[]) {
  try {
    const response = await fetch(`${server.url}/api/patterns`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
      body: JSON.stringify({
        symbol,
        pattern_type: "SPRING",
        timeframe: "1m",
        detected_at: new Date().toISOString(),
        entry_price: "100.00",
        stop_loss: "99.00",
        target_price: "103.00",
        pattern_quality: 0.9,
        phase_strength: 0.9,
        volume_ratio: 0.3,
        ...(users ? { user_ids: users } : {}),
      }),
    });
    const body = (await response.json()) as {
      pattern_id?: string;
      signals?: Array<{ signal_id: string; user_id: string; status: string }>;
    };
    if (response.status !== 201) errors.push(`${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    for (const signal of body.signals ?? []) {
      if (signal.status === "approved") expected.set(signal.signal_id, signal.user_id);
      else errors.push(JSON.stringify(signal));
    }
    return body.pattern_id ?? null;
  } catch (error) {
    errors.push(String(error));
    return null;
  }
}

/**
 * Approval → ack latencies of delivered signals, from the delivery log in the server's database (whole ms).
 * Issue 20 took the per-attempt structured log line (sub-millisecond) to `debug`, which the bench does not
 * turn on: it would put the cost of a log line per delivery back on the server being measured.
 */
export function serverLatencies(server: TestServer, signalIds: ReadonlyMap<string, string>): number[] {
  const reader = new SQLite(server.env.DATABASE_URL!.slice("file:".length), { readonly: true });
  const latencies: number[] = [];
  const ids = [...signalIds.keys()];
  try {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = reader
        .prepare(
          `select latency_ms from delivery_log where outcome in ('delivered', 'replayed') and signal_id in (${chunk.map(() => "?").join(", ")})`,
        )
        .all(...chunk) as Array<{ latency_ms: number }>;
      for (const row of rows) latencies.push(row.latency_ms);
    }
  } finally {
    reader.close();
  }
  return latencies.sort((a, b) => a - b);
}

async function settle(fleet: ClientFleet, expected: ReadonlyMap<string, string>): Promise<void> {
  for (let waited = 0; waited < 15_000 && [...expected.keys()].some((id) => !fleet.receipts.has(id)); waited += 100) await sleep(100);
  await sleep(500);
}

function result(server: TestServer, fleet: ClientFleet, expected: Map<string, string>, seconds: number, errors: string[]): PhaseResult {
  return {
    latencies: serverLatencies(server, expected),
    approvals: expected.size,
    seconds,
    ...fleet.check(expected),
    requestErrors: errors,
  };
}

/** Approvals at `rate` per second to random users for `seconds`: one pattern per 10 ms tick naming the users due. */
export async function sustained(
  server: TestServer,
  fleet: ClientFleet,
  users: readonly string[],
  rate: number,
  seconds: number,
  during?: (elapsedMs: number) => void,
): Promise<PhaseResult> {
  const expected = new Map<string, string>();
  const errors: string[] = [];
  const inflight = new Set<Promise<unknown>>();
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    if (due > sent) {
      const batch = new Set(Array.from({ length: due - sent }, () => users[Math.floor(Math.random() * users.length)]!));
      sent = due;
      const request = approve(server, [...batch], nextSymbol("B"), expected, errors);
      inflight.add(request);
      void request.finally(() => inflight.delete(request));
    }
    during?.(Date.now() - started);
    await sleep(TICK_MS);
  }
  await Promise.all(inflight);
  const elapsed = (Date.now() - started) / 1000;
  await settle(fleet, expected);
  return result(server, fleet, expected, elapsed, errors);
}

/** Closed loop: at most `window` approvals posted and not yet received, in patterns of `batch` users. */
export async function saturation(
  server: TestServer,
  fleet: ClientFleet,
  users: readonly string[],
  window: number,
  batch: number,
  seconds: number,
): Promise<PhaseResult & { received: number }> {
  const expected = new Map<string, string>();
  const errors: string[] = [];
  let outstanding = 0;
  let received = 0;
  let next = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  fleet.onFirstReceipt = () => {
    outstanding--;
    if (Date.now() <= deadline) received++;
  };
  const inflight = new Set<Promise<unknown>>();
  while (Date.now() < deadline) {
    while (outstanding + batch <= window) {
      const chosen = Array.from({ length: batch }, () => users[next++ % users.length]!);
      outstanding += batch;
      const request = approve(server, chosen, nextSymbol("S"), expected, errors).then(() => undefined);
      inflight.add(request);
      void request.finally(() => inflight.delete(request));
    }
    await sleep(1);
  }
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(inflight);
  fleet.onFirstReceipt = null;
  await settle(fleet, expected);
  return { ...result(server, fleet, expected, elapsed, errors), received };
}

/** One pattern that every user watches (no user_ids): last ack at the server, and when every delivery was booked. */
export async function fanout(
  server: TestServer,
  fleet: ClientFleet,
  databaseFile: string,
  run: number,
): Promise<PhaseResult & { lastAckMs: number; allBookedMs: number }> {
  const expected = new Map<string, string>();
  const errors: string[] = [];
  const symbol = FANOUT_SYMBOLS[run % FANOUT_SYMBOLS.length]!;
  const reader = new SQLite(databaseFile, { readonly: true });
  const started = Date.now();
  const posted = approve(server, null, symbol, expected, errors);
  const patternId = await posted;
  let allBookedAt = NaN;
  const approvedAt = patternId
    ? ((reader.prepare("select min(approved_at) as at from signals where pattern_id = ?").get(patternId) as { at: number }).at ?? started)
    : started;
  const booked = reader.prepare(
    `select (select count(*) from signals where pattern_id = ? and acked_at is not null) as acked,
            (select count(*) from delivery_log d join signals s on s.id = d.signal_id where s.pattern_id = ? and d.outcome = 'delivered') as logged`,
  );
  for (let waited = 0; patternId && waited < 15_000; waited += 10) {
    const { acked, logged } = booked.get(patternId, patternId) as { acked: number; logged: number };
    if (acked >= expected.size && logged >= expected.size) {
      allBookedAt = Date.now();
      break;
    }
    await sleep(10);
  }
  reader.close();
  await settle(fleet, expected);
  const phase = result(server, fleet, expected, (Date.now() - started) / 1000, errors);
  return { ...phase, lastAckMs: phase.latencies.at(-1) ?? NaN, allBookedMs: allBookedAt - approvedAt };
}

/** `size` concurrent sign-ins through next-auth: right and wrong passwords of real users, and unknown emails. */
export async function signInWave(server: TestServer, userCount: number, size: number, wave: number): Promise<number> {
  const started = Date.now();
  await Promise.all(
    Array.from({ length: size }, (_, i) => {
      const user = (wave * size + i) % userCount;
      const kind = i % 5;
      const email = kind === 4 ? `nobody-${wave}-${i}@example.com` : `bench-${user}@example.com`;
      const password = kind < 2 ? BENCH_PASSWORD : "wrong-password";
      return trySignIn(server.url, email, password).catch(() => null);
    }),
  );
  return Date.now() - started;
}
