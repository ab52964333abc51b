import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { io } from "socket.io-client";
import { createSignalDeskStore } from "@/components/desk/signal-desk-store";
import type { Pattern } from "@/lib/pattern";
import type { SignalNotification } from "@/lib/signal-notification";
import { createSignalReceiver } from "@/lib/signal-receiver";
import type { SignalDeskClientSocket } from "@/lib/socket-client";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase } from "@/server/db/database";
import { aaplSpring, uniqueSymbol } from "../../support/patterns";
import { TEST_INGEST_KEY } from "../../support/test-server";

// What every fault test shares: users made straight in the database, tabs that behave like the dashboard
// (the real receiver and store, acking after storing), a bounded approval loop, and the tally.

export interface LoadUser {
  id: string;
  token: string;
}

/** Creates traders that only get patterns addressed to them (watchlist NONE), with session tokens. */
export async function createLoadUsers(databaseUrl: string, secret: string, count: number, ttlSeconds = 300): Promise<LoadUser[]> {
  const database = await openDatabase(databaseUrl);
  const users = new UserStore(database.db);
  const created: LoadUser[] = [];
  for (let i = 0; i < count; i++) {
    const user = await users.create({
      email: `fault-${i}-${randomUUID().slice(0, 8)}@example.com`,
      passwordHash: "not-used",
      role: "trader",
      preferences: {
        equity: "100000.00",
        risk_percentage: 1,
        min_confidence: 0,
        min_r_multiple: 0,
        max_leverage: 4,
        ttl_seconds: ttlSeconds,
        watchlist: ["NONE"],
        sound: false,
        desktop_notifications: false,
      },
    });
    const token = await encode({
      secret,
      token: { id: user.id, email: user.email, role: "trader", sid: randomUUID(), issued_at: Date.now() },
    });
    created.push({ id: user.id, token });
  }
  await database.close();
  return created;
}

export interface Tab {
  userId: string;
  socket: SignalDeskClientSocket;
  /** signal_id → arrival times (every copy). */
  arrivals: Map<string, number[]>;
  /** How often the receiver announced each signal as new: more than once is a duplicate shown. */
  shown: Map<string, number>;
  /** Copies that arrived more than a second after their expires_at (held up somewhere). */
  lateArrivals: number;
}

/** A dashboard-like tab: the real receiver and store, acking after storing; `dropAck` loses some acks. */
export function openTab(url: string, user: LoadUser, options: { dropAck?: () => boolean } = {}): Tab {
  const socket: SignalDeskClientSocket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    auth: { token: user.token },
    // Faster than the dashboard's backoff so a test run stays short; the shape (jittered backoff) is the same.
    reconnectionDelay: 100,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.5,
  });
  const tab: Tab = { userId: user.id, socket, arrivals: new Map(), shown: new Map(), lateArrivals: 0 };
  const store = createSignalDeskStore();
  const receive = createSignalReceiver({ add: (signal) => store.getState().receive(signal) }, (signal) =>
    tab.shown.set(signal.signal_id, (tab.shown.get(signal.signal_id) ?? 0) + 1),
  );
  socket.on("signal_approved", (signal: SignalNotification, ack) => {
    const now = Date.now();
    tab.arrivals.set(signal.signal_id, [...(tab.arrivals.get(signal.signal_id) ?? []), now]);
    if (now > Date.parse(signal.expires_at) + 1000) tab.lateArrivals++;
    receive(signal, options.dropAck?.() ? () => undefined : ack);
  });
  return tab;
}

/** Resolves once every tab is connected, or throws after `timeoutMs`. */
export async function allConnected(tabs: Tab[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (tabs.some((tab) => !tab.socket.connected)) {
    if (Date.now() > deadline) throw new Error(`${tabs.filter((t) => !t.socket.connected).length} tabs did not connect`);
    await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Approval {
  signalId: string;
  userId: string;
}

export interface PostOutcome {
  status: number | "refused";
  retryAfter: string | null;
  approval: Approval | null;
  pattern: Pattern;
}

/** One pattern for one user; a refused connection (node down) is an outcome, not an error. */
export async function postApproval(url: string, userId: string, pattern?: Pattern): Promise<PostOutcome> {
  const body = pattern ?? aaplSpring({ symbol: uniqueSymbol(), user_ids: [userId], idempotency_key: randomUUID() });
  try {
    const response = await fetch(`${url}/api/patterns`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const retryAfter = response.headers.get("retry-after");
    if (response.status !== 201 && response.status !== 200) {
      await response.body?.cancel();
      return { status: response.status, retryAfter, approval: null, pattern: body };
    }
    const answer = (await response.json()) as { signals: Array<{ signal_id: string; status: string }> };
    const signal = answer.signals[0];
    const approval = signal && signal.status === "approved" ? { signalId: signal.signal_id, userId } : null;
    return { status: response.status, retryAfter, approval, pattern: body };
  } catch {
    return { status: "refused", retryAfter: null, approval: null, pattern: body };
  }
}

export interface Tally {
  approvals: number;
  lost: number;
  leaked: number;
  duplicatesShown: number;
  lateArrivals: number;
}

/** Every approval must have reached a tab of its own user, none another user's tab, none shown twice. */
export function tally(approvals: Approval[], tabs: Tab[]): Tally {
  const owner = new Map(approvals.map((approval) => [approval.signalId, approval.userId]));
  let leaked = 0;
  let duplicatesShown = 0;
  let lateArrivals = 0;
  const reached = new Set<string>();
  for (const tab of tabs) {
    lateArrivals += tab.lateArrivals;
    for (const [signalId, times] of tab.arrivals) {
      const expected = owner.get(signalId);
      if (expected !== undefined && expected !== tab.userId) leaked++;
      else if (expected !== undefined && times.length > 0) reached.add(signalId);
    }
    for (const count of tab.shown.values()) if (count > 1) duplicatesShown++;
  }
  return {
    approvals: approvals.length,
    lost: approvals.filter((a) => !reached.has(a.signalId)).length,
    leaked,
    duplicatesShown,
    lateArrivals,
  };
}

/** Polls until nothing is lost or the deadline passes; answers the final tally. */
export async function settle(approvals: Approval[], tabs: Tab[], timeoutMs = 40_000): Promise<Tally> {
  const deadline = Date.now() + timeoutMs;
  let current = tally(approvals, tabs);
  while (current.lost > 0 && Date.now() < deadline) {
    await sleep(200);
    current = tally(approvals, tabs);
  }
  return current;
}

/** The one line per fault that the README's figures come from. */
export function summary(fault: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  console.log(`[fault] ${fault}: ${text}`);
}
