import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import type { AdminUserView, DeliveryHealth, PatternOverview, SignalTimeline } from "@/lib/admin-answers";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { aaplSpring, postPattern } from "./support/patterns";
import { authedFetch, connected, openSocket, signIn, trySignIn, type SignedIn } from "./support/session";
import { freshDatabaseUrl, startTestServer, type TestServer } from "./support/test-server";
import { connectTrader, type TraderClient } from "./support/trader-client";

const ACK_TIMEOUT_MS = 300;
const TRADER = DEMO_USERS.find((user) => user.email === "trader@example.com")!;
const TRADER2 = DEMO_USERS.find((user) => user.email === "trader2@example.com")!;
const ADMIN = DEMO_USERS.find((user) => user.role === "admin")!;
const PG_SCHEMA = `admin_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
const CSV_HEADER = "id,created_at,signal_id,user_id,user_email,symbol,channel,attempt,outcome,latency_ms,sockets,error";

let server: TestServer;
let admin: SignedIn;
let trader: SignedIn;
let trader2: SignedIn;
let adminId: string;
let traderId: string;
let trader2Id: string;
const clients: TraderClient[] = [];

interface Page {
  rows: DeliveryLogRow[];
  next_cursor: string | null;
}

const idOf = async (session: SignedIn) => ((await (await authedFetch(server.url, session, "/api/me")).json()) as { id: string }).id;

async function deliveries(query: string, session = admin): Promise<Page> {
  const response = await authedFetch(server.url, session, `/api/admin/deliveries?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

/** Every page of a query, following next_cursor; fails on a repeated cursor. */
async function allPages(query: string, limit: number): Promise<{ rows: DeliveryLogRow[]; pages: number }> {
  const rows: DeliveryLogRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  const seen = new Set<string>();
  do {
    const page = await deliveries(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    pages++;
    cursor = page.next_cursor;
    if (cursor) {
      expect(seen.has(cursor)).toBe(false);
      seen.add(cursor);
    }
  } while (cursor && pages < 100);
  return { rows, pages };
}

/** Polls until `read` returns `expected` (expect.poll only works inside a test, not in beforeAll). */
async function waitFor<T>(read: () => Promise<T>, expected: T, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (last !== expected) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}, last saw ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
}

async function approve(symbol: string, userIds: string[], overrides: Parameters<typeof aaplSpring>[0] = {}) {
  const answer = await postPattern(server.url, aaplSpring({ symbol, user_ids: userIds, ...overrides }));
  expect(answer.status).toBe(201);
  return answer.body;
}

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += char;
    }
  }
  if (field || record.length > 0) records.push([...record, field]);
  return records;
}

/** The same console on both databases: its queries must mean the same thing in SQLite and PostgreSQL. */
describe.each([
  ["SQLite", freshDatabaseUrl()],
  ["PostgreSQL", `postgres://postgres@127.0.0.1:5432/test?schema=${PG_SCHEMA}`],
] as const)("admin console on %s", (_dialect, databaseUrl) => {
  beforeAll(async () => {
    server = await startTestServer({ NOTIFY_ACK_TIMEOUT_MS: String(ACK_TIMEOUT_MS), DATABASE_URL: databaseUrl });
    [admin, trader, trader2] = await Promise.all([
      signIn(server.url, ADMIN.email, ADMIN.password),
      signIn(server.url, TRADER.email, TRADER.password),
      signIn(server.url, TRADER2.email, TRADER2.password),
    ]);
    [adminId, traderId, trader2Id] = await Promise.all([idOf(admin), idOf(trader), idOf(trader2)]);
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.stop();
    // The schema is left behind on purpose: dropping it while another test file's migrator introspects the
    // database (Kysely lists every schema's tables) made that other file fail with "schema … does not exist".
  });

  /**
   * A known set of attempts: trader (connected, acking) gets A1, A2 and C1; trader2 (offline) gets B1 and C1,
   * both fail four times with no_connection and are replayed when trader2 connects. 13 rows in all.
   */
  describe("delivery log filters, pagination and export over a known seed", () => {
    let seedStart: string;
    const signal: Record<string, string> = {};
    let all: DeliveryLogRow[] = [];
    const sym = { a1: "ADMA1", a2: "ADMA2", b1: "ADMB1", c1: "ADMC1" };

    beforeAll(async () => {
      seedStart = new Date().toISOString();
      const one = await connectTrader(server.url, TRADER.email, { session: trader });
      clients.push(one);
      signal.a1 = (await approve(sym.a1, [traderId])).signals[0]!.signal_id;
      signal.a2 = (await approve(sym.a2, [traderId])).signals[0]!.signal_id;
      signal.b1 = (await approve(sym.b1, [trader2Id])).signals[0]!.signal_id;
      const c1 = await approve(sym.c1, [traderId, trader2Id]);
      signal.c1Trader = c1.signals.find((s) => s.user_id === traderId)!.signal_id;
      signal.c1Trader2 = c1.signals.find((s) => s.user_id === trader2Id)!.signal_id;
      // trader2 has no socket: four no_connection attempts each (100 + 500 + 2000 ms apart), then replay on connect.
      await waitFor(async () => (await deliveries(`user=${trader2Id}&since=${seedStart}`)).rows.length, 8, 10_000);
      const two = await connectTrader(server.url, TRADER2.email, { session: trader2 });
      clients.push(two);
      await waitFor(async () => (await deliveries(`since=${seedStart}&limit=1000`)).rows.length, 13, 10_000);
      all = (await deliveries(`since=${seedStart}&limit=1000`)).rows;
    }, 30_000);

    afterAll(() => {
      // Later tests count the sockets an attempt reaches; these two must not add to them.
      for (const client of clients.splice(0)) client.close();
    });

    it("holds exactly the seeded attempts, newest first", () => {
      const key = (row: DeliveryLogRow) => `${row.signal_id}/${row.attempt}/${row.outcome}`;
      const expected = [
        `${signal.a1}/1/delivered`,
        `${signal.a2}/1/delivered`,
        `${signal.c1Trader}/1/delivered`,
        ...[1, 2, 3, 4].flatMap((attempt) => [`${signal.b1}/${attempt}/no_connection`, `${signal.c1Trader2}/${attempt}/no_connection`]),
        `${signal.b1}/5/replayed`,
        `${signal.c1Trader2}/5/replayed`,
      ];
      expect(all.map(key).sort()).toEqual(expected.sort());
      const ids = all.map((row) => Number(row.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      for (const row of all) {
        expect(row.user_email).toBe(row.user_id === traderId ? TRADER.email : TRADER2.email);
        expect(row.sockets).toBe(row.outcome === "no_connection" ? 0 : 1);
        expect(row.latency_ms).toBeGreaterThanOrEqual(0);
      }
    });

    it.each([
      ["user by email", () => `user=${TRADER.email}`, (row: DeliveryLogRow) => row.user_id === traderId],
      ["user by email in another case", () => `user=${TRADER2.email.toUpperCase()}`, (row: DeliveryLogRow) => row.user_id === trader2Id],
      ["user by id", () => `user=${trader2Id}`, (row: DeliveryLogRow) => row.user_id === trader2Id],
      ["symbol", () => `symbol=${sym.b1.toLowerCase()}`, (row: DeliveryLogRow) => row.symbol === sym.b1],
      ["signal id", () => `signal=${signal.c1Trader2}`, (row: DeliveryLogRow) => row.signal_id === signal.c1Trader2],
      ["outcome", () => "status=replayed", (row: DeliveryLogRow) => row.outcome === "replayed"],
      [
        "outcome and user",
        () => `status=no_connection&user=${TRADER2.email}`,
        (row: DeliveryLogRow) => row.outcome === "no_connection" && row.user_id === trader2Id,
      ],
      ["outcome and symbol", () => `status=delivered&symbol=${sym.c1}`, (row: DeliveryLogRow) => row.signal_id === signal.c1Trader],
    ])("filters by %s to exactly the matching rows", async (_name, query, matches) => {
      const expected = all.filter(matches);
      expect(expected.length).toBeGreaterThan(0);
      expect((await deliveries(`${query()}&since=${seedStart}&limit=1000`)).rows).toEqual(expected);
    });

    it("filters a time range: since inclusive, until exclusive", async () => {
      const sorted = [...all].sort((a, b) => a.created_at.localeCompare(b.created_at) || Number(a.id) - Number(b.id));
      const from = sorted[3]!.created_at;
      const to = sorted.find((row) => row.outcome === "replayed")!.created_at;
      const expected = all.filter((row) => row.created_at >= from && row.created_at < to);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      expect((await deliveries(`since=${from}&until=${to}&limit=1000`)).rows).toEqual(expected);
    });

    it("pages with limit=2 through next_cursor with no gaps or repeats", async () => {
      const paged = await allPages(`since=${seedStart}`, 2);
      expect(paged.pages).toBe(7);
      expect(paged.rows).toEqual(all);
      const filtered = await allPages(`since=${seedStart}&user=${trader2Id}`, 3);
      expect(filtered.pages).toBe(4);
      expect(filtered.rows).toEqual(all.filter((row) => row.user_id === trader2Id));
    });

    it("answers 400 for a bad filter", async () => {
      const response = await authedFetch(server.url, admin, "/api/admin/deliveries?status=lost");
      expect(response.status).toBe(400);
      expect(((await response.json()) as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    });

    it("exports the filtered rows as CSV with the right header", async () => {
      const response = await authedFetch(
        server.url,
        admin,
        `/api/admin/deliveries/export?user=${encodeURIComponent(TRADER2.email)}&since=${seedStart}`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="deliveries-.*\.csv"$/);
      const [header, ...records] = parseCsv(await response.text());
      expect(header!.join(",")).toBe(CSV_HEADER);
      const expected = all.filter((row) => row.user_id === trader2Id);
      expect(records).toEqual(
        expected.map((row) => [
          row.id,
          row.created_at,
          row.signal_id,
          row.user_id,
          row.user_email,
          row.symbol,
          row.channel,
          String(row.attempt),
          row.outcome,
          String(row.latency_ms),
          String(row.sockets),
          row.error ?? "",
        ]),
      );
    });

    it("reads form times without an offset as UTC in the export, and exports every page", async () => {
      const local = seedStart.replace("Z", "");
      const response = await authedFetch(server.url, admin, `/api/admin/deliveries/export?since=${local}&user=&symbol=`);
      expect(response.status).toBe(200);
      const [, ...records] = parseCsv(await response.text());
      expect(records.map((record) => record[0])).toEqual(all.map((row) => row.id));
    });

    it("reports health: counts by outcome and delivered latency percentiles", async () => {
      const response = await authedFetch(server.url, admin, "/api/admin/health");
      expect(response.status).toBe(200);
      const health = (await response.json()) as DeliveryHealth;
      const latencies = all
        .filter((row) => row.outcome === "delivered")
        .map((row) => row.latency_ms)
        .sort((a, b) => a - b);
      expect(health.windows.map((window) => window.key)).toEqual(["5m", "1h"]);
      for (const window of health.windows) {
        // Nothing else has been delivered on this server yet.
        expect(window.counts).toEqual({ delivered: 3, timeout: 0, no_connection: 8, error: 0, replayed: 2, expired: 0 });
        expect(window.total).toBe(13);
        expect(window.latency).toEqual({ count: 3, p50: latencies[1], p95: latencies[2], p99: latencies[2], max: latencies[2] });
      }
      expect(health.histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3);
      for (const latency of latencies) {
        const bucket = health.histogram.find((candidate) => candidate.le === null || latency <= candidate.le)!;
        expect(bucket.count).toBeGreaterThan(0);
      }
      expect(health.latest_failures).toHaveLength(8);
      expect(health.latest_failures).toEqual(all.filter((row) => row.outcome === "no_connection"));
      expect(health.latest_failures[0]!.error).toBe("no socket connected");
    });

    it("tells a signal's story: approval, attempts with latency and sockets, delivery, the trader's decision", async () => {
      const decided = await authedFetch(server.url, trader, `/api/signals/${signal.a1}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ decision: "take" }),
      });
      expect(decided.status).toBe(200);
      const response = await authedFetch(server.url, admin, `/api/admin/signals/${signal.a1}`);
      expect(response.status).toBe(200);
      const story = (await response.json()) as SignalTimeline;
      expect(story.signal).toMatchObject({
        id: signal.a1,
        user_email: TRADER.email,
        status: "taken",
        delivery_state: "delivered",
        is_test: false,
      });
      expect(story.pattern).toMatchObject({ symbol: sym.a1, pattern_type: "SPRING", source: "api" });
      expect(story.timeline.map((event) => event.kind)).toEqual(["detected", "approved", "attempt", "delivered", "taken"]);
      expect(story.timeline[2]).toMatchObject({
        attempt: 1,
        outcome: "delivered",
        sockets: 1,
        latency_ms: all.find((row) => row.signal_id === signal.a1)!.latency_ms,
      });

      const failed = (await (await authedFetch(server.url, admin, `/api/admin/signals/${signal.c1Trader2}`)).json()) as SignalTimeline;
      expect(failed.deliveries.map((row) => [row.attempt, row.outcome])).toEqual([
        [1, "no_connection"],
        [2, "no_connection"],
        [3, "no_connection"],
        [4, "no_connection"],
        [5, "replayed"],
      ]);
      expect(failed.timeline.map((event) => event.kind)).toEqual([
        "detected",
        "approved",
        "attempt",
        "attempt",
        "attempt",
        "attempt",
        "attempt",
        "delivered",
      ]);

      expect((await authedFetch(server.url, admin, "/api/admin/signals/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    });
  });

  describe("pipeline view", () => {
    it("lists a recent pattern with, per user, approved or the rejection reason", async () => {
      // 100 of risk per share: trader's budget (5000 × 1.5 % = 75) affords none, trader2's (250) affords two.
      const answer = await approve("ADMPV", [traderId, trader2Id], {
        entry_price: "1000.00",
        stop_loss: "900.00",
        target_price: "1300.00",
      });
      const reason = answer.signals.find((s) => s.user_id === traderId)!.rejection_reason;
      expect(reason).toMatch(/^Risk budget too small for one share/);
      const response = await authedFetch(server.url, admin, "/api/admin/patterns?symbol=ADMPV");
      expect(response.status).toBe(200);
      const { patterns } = (await response.json()) as { patterns: PatternOverview[] };
      expect(patterns).toHaveLength(1);
      expect(patterns[0]).toMatchObject({ id: answer.pattern_id, symbol: "ADMPV", source: "api", counts: { approved: 1, rejected: 1 } });
      // Listed by email: "trader2@…" sorts before "trader@…".
      expect(patterns[0]!.users.map((user) => [user.user_email, user.status, user.rejection_reason])).toEqual([
        [TRADER2.email, "approved", null],
        [TRADER.email, "rejected", reason],
      ]);
    });

    it("pages patterns newest first", async () => {
      const first = (await (await authedFetch(server.url, admin, "/api/admin/patterns?limit=2")).json()) as {
        patterns: PatternOverview[];
        next_cursor: string;
      };
      expect(first.patterns.map((p) => p.symbol)).toEqual(["ADMPV", "ADMC1"]);
      const second = (await (await authedFetch(server.url, admin, `/api/admin/patterns?limit=2&cursor=${first.next_cursor}`)).json()) as {
        patterns: PatternOverview[];
      };
      expect(second.patterns.map((p) => p.symbol)).toEqual(["ADMB1", "ADMA2"]);
    });
  });

  describe("test signals", () => {
    it("sends a fresh, valid test signal through the pipeline and delivery; admins see it logged live", async () => {
      const adminSocket = openSocket(server.url, { cookie: admin.cookie });
      const logged: DeliveryLogRow[] = [];
      adminSocket.on("delivery_logged", (rows) => logged.push(...rows));
      await connected(adminSocket);
      const listener = await connectTrader(server.url, TRADER.email, { session: trader });
      clients.push(listener);
      let traderHeard = 0;
      listener.socket.on("delivery_logged", () => traderHeard++);

      const response = await authedFetch(server.url, admin, "/api/admin/test-signal", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: traderId, pattern_type: "UTAD" }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        pattern_id: string;
        signals: Array<{ signal_id: string; user_id: string; status: string }>;
      };
      expect(body.signals).toEqual([{ signal_id: expect.any(String) as string, user_id: traderId, status: "approved" }]);
      const signalId = body.signals[0]!.signal_id;

      await expect.poll(() => listener.stored.get(signalId)).toBeDefined();
      expect(listener.stored.get(signalId)).toMatchObject({
        is_test: true,
        symbol: "TEST",
        pattern_type: "UTAD",
        direction: "short",
        confidence_score: 100,
      });
      await expect
        .poll(() => logged.find((row) => row.signal_id === signalId))
        .toMatchObject({ outcome: "delivered", user_email: TRADER.email, sockets: 1 });
      expect(traderHeard).toBe(0);

      const story = (await (await authedFetch(server.url, admin, `/api/admin/signals/${signalId}`)).json()) as SignalTimeline;
      expect(story.signal.is_test).toBe(true);
      expect(story.pattern?.source).toBe("admin-test");

      // The same test again within 15 minutes meets the duplicate rule, and the answer says so.
      const again = await authedFetch(server.url, admin, "/api/admin/test-signal", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: traderId, pattern_type: "UTAD" }),
      });
      expect(((await again.json()) as { signals: Array<{ status: string; rejection_reason?: string }> }).signals[0]).toMatchObject({
        status: "rejected",
        rejection_reason: "duplicate",
      });
      adminSocket.close();
    });

    it("refuses an unknown user and a bad body", async () => {
      const post = (body: unknown) =>
        authedFetch(server.url, admin, "/api/admin/test-signal", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      expect((await post({ user_id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
      const bad = await post({ user_id: "not-a-uuid", pattern_type: "NOPE" });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path).sort()).toEqual([
        "pattern_type",
        "user_id",
      ]);
    });
  });

  describe("access control", () => {
    type Call = { name: string; method: string; path: () => string; body?: () => unknown };
    const apis: Call[] = [
      { name: "GET /api/admin/deliveries", method: "GET", path: () => "/api/admin/deliveries" },
      { name: "GET /api/admin/deliveries/export", method: "GET", path: () => "/api/admin/deliveries/export" },
      { name: "GET /api/admin/health", method: "GET", path: () => "/api/admin/health" },
      { name: "GET /api/admin/patterns", method: "GET", path: () => "/api/admin/patterns" },
      { name: "GET /api/admin/users", method: "GET", path: () => "/api/admin/users" },
      { name: "GET /api/admin/signals/[id]", method: "GET", path: () => `/api/admin/signals/${firstSignalId}` },
      {
        name: "PATCH /api/admin/users/[id]",
        method: "PATCH",
        path: () => `/api/admin/users/${trader2Id}`,
        body: () => ({ disabled: false }),
      },
      // The admin's own test signal: it has no socket, so this only adds failed attempts for the admin.
      {
        name: "POST /api/admin/test-signal",
        method: "POST",
        path: () => "/api/admin/test-signal",
        body: () => ({ user_id: adminId, symbol: "ADMAC" }),
      },
    ];
    const pages = [
      "/admin",
      "/admin/deliveries",
      "/admin/health",
      "/admin/patterns",
      "/admin/users",
      () => `/admin/signals/${firstSignalId}`,
    ];
    let firstSignalId: string;

    beforeAll(async () => {
      firstSignalId = (await deliveries("limit=1")).rows[0]!.signal_id;
    });

    const call = (api: Call, session?: SignedIn) =>
      fetch(`${server.url}${api.path()}`, {
        method: api.method,
        redirect: "manual",
        headers: { ...(session ? { cookie: session.cookie } : {}), ...(api.body ? { "content-type": "application/json" } : {}) },
        ...(api.body ? { body: JSON.stringify(api.body()) } : {}),
      });

    it.each(apis.map((api) => [api.name, api] as const))(
      "%s: 401 without a session, 403 for a trader, 200 for an admin",
      async (_name, api) => {
        const anonymous = await call(api);
        expect(anonymous.status).toBe(401);
        expect(await anonymous.json()).toEqual({ error: expect.any(String) as string });
        const asTrader = await call(api, trader2);
        expect(asTrader.status).toBe(403);
        expect(await asTrader.json()).toEqual({ error: expect.any(String) as string });
        const asAdmin = await call(api, admin);
        expect(asAdmin.status).toBe(200);
      },
    );

    it.each(pages.map((page) => [typeof page === "string" ? page : "/admin/signals/[id]", page] as const))(
      "page %s: /login without a session, 403 page for a trader, the page for an admin",
      async (_name, page) => {
        const path = typeof page === "string" ? page : page();
        const anonymous = await fetch(`${server.url}${path}`, { redirect: "manual" });
        expect([302, 303, 307, 308]).toContain(anonymous.status);
        expect(anonymous.headers.get("location")).toMatch(/\/login$/);

        const asTrader = await fetch(`${server.url}${path}`, { headers: { cookie: trader2.cookie } });
        expect(asTrader.status).toBe(403);
        const traderHtml = await asTrader.text();
        expect(traderHtml).toContain("403 – admins only");
        expect(traderHtml).not.toContain('aria-label="Admin"');

        const asAdmin = await fetch(`${server.url}${path}`, { headers: { cookie: admin.cookie } });
        expect(asAdmin.status).toBe(200);
        const adminHtml = await asAdmin.text();
        expect(adminHtml).toContain('aria-label="Admin"');
      },
    );
  });

  describe("disabling and enabling users", () => {
    let sessionBeforeDisabling: SignedIn | undefined;
    const patch = (userId: string, body: unknown) =>
      authedFetch(server.url, admin, `/api/admin/users/${userId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    it("closes a disabled user's sockets within 1 s, refuses their session and sign-in, and sends them no signal", async () => {
      const victim = await connectTrader(server.url, TRADER2.email);
      sessionBeforeDisabling = victim.session;
      const second = await connectTrader(server.url, TRADER2.email, { session: victim.session });
      const closed = (client: TraderClient) =>
        new Promise<number>((resolve) => client.socket.once("disconnect", () => resolve(Date.now())));
      const closes = Promise.all([closed(victim), closed(second)]);
      const before = Date.now();
      const response = await patch(trader2Id, { disabled: true });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: trader2Id, email: TRADER2.email, disabled: true });
      for (const at of await closes) expect(at - before).toBeLessThan(1000);

      expect((await authedFetch(server.url, victim.session, "/api/me")).status).toBe(401);
      const reconnect = openSocket(server.url, { cookie: victim.session.cookie });
      await expect(connected(reconnect)).rejects.toThrow("unauthorized");
      reconnect.close();
      expect((await trySignIn(server.url, TRADER2.email, TRADER2.password)).session).toBeNull();

      const answer = await postPattern(server.url, aaplSpring({ symbol: "ADMDS", user_ids: [trader2Id, traderId] }));
      expect(answer.status).toBe(201);
      expect(answer.body.signals.map((s) => s.user_id)).toEqual([traderId]);

      const users = ((await (await authedFetch(server.url, admin, "/api/admin/users")).json()) as { users: AdminUserView[] }).users;
      expect(users.find((user) => user.id === trader2Id)).toMatchObject({ disabled: true, connected_sockets: 0 });
      expect(
        (
          await authedFetch(server.url, admin, "/api/admin/test-signal", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ user_id: trader2Id }),
          })
        ).status,
      ).toBe(409);
    });

    it("lets an enabled user sign in again", async () => {
      const response = await patch(trader2Id, { disabled: false });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ disabled: false });
      const again = await trySignIn(server.url, TRADER2.email, TRADER2.password);
      expect(again.session).not.toBeNull();
      // Enabling does not revive the sessions that disabling ended.
      expect((await authedFetch(server.url, sessionBeforeDisabling!, "/api/me")).status).toBe(401);
      expect((await authedFetch(server.url, again.session!, "/api/me")).status).toBe(200);
      const client = await connectTrader(server.url, TRADER2.email, { session: again.session! });
      clients.push(client);
      const users = ((await (await authedFetch(server.url, admin, "/api/admin/users")).json()) as { users: AdminUserView[] }).users;
      expect(users.find((user) => user.id === trader2Id)).toMatchObject({ disabled: false });
      expect(users.find((user) => user.id === trader2Id)!.connected_sockets).toBeGreaterThanOrEqual(1);
    });

    it("refuses to let an admin disable themself, a bad body and an unknown user", async () => {
      const self = await patch(adminId, { disabled: true });
      expect(self.status).toBe(400);
      expect(((await self.json()) as { error: string }).error).toMatch(/your own account/);
      expect((await authedFetch(server.url, admin, "/api/me")).status).toBe(200);
      const bad = await patch(traderId, { disabled: "yes" });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { issues: Array<{ path: string }> }).issues[0]!.path).toBe("disabled");
      expect((await patch("00000000-0000-4000-8000-000000000000", { disabled: true })).status).toBe(404);
    });
  });
});
