import { randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import fc from "fast-check";
import { io } from "socket.io-client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { httpRequest } from "../support/http-request";
import { metricValue } from "../support/metrics";
import { connected, openSocket, signIn, type SignedIn } from "../support/session";
import { startTestServer, TEST_INGEST_KEY, type TestServer } from "../support/test-server";
import { summary } from "./support/fault-load";
import { discoverRoutes, fillPath } from "../support/app-routes";

// Fault: hostile input. Generated bodies, content types, cookies and origins against every route handler
// under app/ (found from the source, so new routes are covered), and generated handshakes and events
// against Socket.IO. Never a 500, never a row written, no socket left behind.
const HTTP_RUNS = 1200;
const HANDSHAKE_RUNS = 300;
const EVENT_RUNS = 200;

let server: TestServer;
let trader: SignedIn;
let adminSession: SignedIn;
beforeAll(async () => {
  server = await startTestServer();
  trader = await signIn(server.url, DEMO_USERS[0]!.email, DEMO_USERS[0]!.password);
  adminSession = await signIn(server.url, DEMO_USERS[2]!.email, DEMO_USERS[2]!.password);
});
afterAll(async () => {
  await server.stop();
});

/** Rows in every table of the server's SQLite file (read-only, WAL readers do not disturb the server). */
function rowCounts(): Record<string, number> {
  const file = server.env.DATABASE_URL!.slice("file:".length);
  const db = new SQLite(file, { readonly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{
      name: string;
    }>;
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

// Header values Node will send: printable ASCII and Latin-1 bytes, including `%`, `;`, `=` and quotes.
const headerText = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })), { maxLength })
    .map((codes) => String.fromCharCode(...codes));

const strayCookie = fc.oneof(
  headerText(80),
  fc.constantFrom("promo=50%off", "a=%E0%A4%A", "=", ";;;", "next-auth.session-token=", "next-auth.session-token=%ZZ", 'x="unterminated'),
);

const bodyArbitrary = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.constant(""),
  fc.constant("{"),
  fc.constant('{"decision":"take"}'),
  fc.constant(`{"pad":"${"x".repeat(70 * 1024)}"}`),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify({ symbol: "AAPL", user_ids: [randomUUID()], extra: value })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
);

it("never answers 500 and never writes a row, whatever the body, cookies or origin", { timeout: 300_000 }, async () => {
  const routes = discoverRoutes();
  expect(routes.length).toBeGreaterThan(10);
  const before = rowCounts();
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let resets = 0;
  const request = fc.record({
    route: fc.constantFrom(...routes),
    otherMethod: fc.option(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"), { freq: 5 }),
    param: fc.oneof(
      fc.uuid(),
      headerText(20).filter((text) => text.length > 0),
      fc.constant("..%2F..%2Fetc"),
    ),
    catchAll: fc.constantFrom("signin", "callback/credentials", "session", "csrf", "providers", "signout", "error", "nope/../../x"),
    query: fc.option(headerText(40).map((text) => `?${encodeURIComponent(text)}=${encodeURIComponent(text)}&limit=-1&cursor=%ZZ`)),
    body: bodyArbitrary,
    contentType: fc.option(
      fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "application/json; charset=latin1",
        "x/y",
      ),
    ),
    session: fc.constantFrom("none", "trader", "admin"),
    stray: fc.option(strayCookie),
    origin: fc.option(fc.constantFrom(server.url, "https://evil.example", "null", "http://127.0.0.1:1")),
    bearer: fc.option(fc.oneof(fc.constant(TEST_INGEST_KEY), headerText(40))),
  });
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const method = r.otherMethod ?? r.route.methods[0] ?? "GET";
      const path = fillPath(r.route.path, r.param, r.catchAll) + (r.query ?? "");
      const cookies = [r.stray, r.session === "trader" ? trader.cookie : r.session === "admin" ? adminSession.cookie : null].filter(
        Boolean,
      );
      const headers: Record<string, string> = {};
      if (cookies.length > 0) headers.cookie = cookies.join("; ");
      if (r.contentType) headers["content-type"] = r.contentType;
      if (r.origin) headers.origin = r.origin;
      if (r.bearer) headers.authorization = `Bearer ${r.bearer}`;
      const hasBody = !["GET", "HEAD"].includes(method);
      let answer;
      try {
        answer = await httpRequest(`${server.url}${path}`, {
          method,
          headers,
          ...(hasBody ? { body: Buffer.from(r.body, "latin1") } : {}),
        });
      } catch (error) {
        // A connection cut while the client still sends a body nobody reads (Next answers 405 to a method a
        // route lacks without reading it) is a refusal, not a failure, as long as the server is still there.
        resets++;
        const alive = await fetch(`${server.url}/healthz`).then((response) => response.status, String);
        if (alive !== 200) failures.push(`${method} ${path} → ${String(error)}; /healthz then: ${alive}`);
        return;
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500)
        failures.push(`${method} ${path} ${JSON.stringify(headers)} → ${answer.status} ${answer.text.slice(0, 200)}`);
    }),
    { numRuns: HTTP_RUNS },
  );
  const after = rowCounts();
  summary("hostile HTTP", {
    requests: HTTP_RUNS,
    routes: routes.length,
    server_errors: failures.length,
    connections_reset: resets,
    rows_written: Object.keys(after).reduce((sum, table) => sum + ((after[table] ?? 0) - (before[table] ?? 0)), 0),
    statuses: [...statuses]
      .sort(([x], [y]) => x - y)
      .map(([status, count]) => `${status}x${count}`)
      .join(","),
  });
  expect(failures.slice(0, 5)).toEqual([]);
  expect(after).toEqual(before);
});

it("refuses every hostile handshake with `unauthorized` and leaves no socket behind", { timeout: 300_000 }, async () => {
  const baseline = await metricValue(server.url, "signal_desk_socket_connections");
  const outcomes = new Map<string, number>();
  const handshake = fc.record({
    auth: fc.option(fc.anything({ maxDepth: 2 })),
    cookie: fc.option(strayCookie),
    // Keys prefixed so they never name Engine.IO's own parameters (EIO, transport, sid, t).
    query: fc.option(
      fc.dictionary(
        fc.stringMatching(/^[a-z]{1,8}$/).map((k) => `q${k}`),
        fc.string({ maxLength: 20 }),
        { maxKeys: 3 },
      ),
    ),
  });
  await fc.assert(
    fc.asyncProperty(handshake, async (h) => {
      const socket = io(server.url, {
        path: "/socket.io",
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        timeout: 5000,
        ...(h.auth !== null ? { auth: h.auth as Record<string, unknown> } : {}),
        ...(h.cookie !== null ? { extraHeaders: { cookie: h.cookie } } : {}),
        ...(h.query ? { query: h.query } : {}),
      });
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve("no answer in 8 s"), 8000);
        socket.once("connect", () => (clearTimeout(timer), resolve("connected")));
        socket.once("connect_error", (error) => (clearTimeout(timer), resolve(error.message)));
        // A connect packet that is not an object (auth: []) makes the server close the connection outright.
        // The client closes its manager just before it emits connect_error: let connect_error win if it follows.
        socket.io.once("close", (reason) => setTimeout(() => (clearTimeout(timer), resolve(`closed: ${reason}`)), 20));
      });
      socket.close();
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      // `unauthorized`, or the connection closed by the server for a connect packet that is not even an
      // object (auth: true): either way answered at once, never admitted.
      expect(["unauthorized", "closed: transport close"]).toContain(outcome);
    }),
    { numRuns: HANDSHAKE_RUNS },
  );

  expect(outcomes.get("unauthorized")).toBeGreaterThan(HANDSHAKE_RUNS / 2);

  // Garbage events from a signed-in socket: ignored, and the socket and server keep working.
  const socket = openSocket(server.url, { cookie: trader.cookie });
  await connected(socket);
  const loose = socket as unknown as { emit: (event: string, ...args: unknown[]) => void };
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }), (event, args) => {
      if (["connect", "disconnect", "connect_error", "disconnecting", "newListener", "removeListener"].includes(event)) return;
      loose.emit(event, ...args);
    }),
    { numRuns: EVENT_RUNS },
  );
  loose.emit("time_sync", "not a function");
  const reply = (await socket.timeout(5000).emitWithAck("time_sync")) as { server_time: string };
  expect(Date.parse(reply.server_time)).not.toBeNaN();
  socket.close();

  await expect.poll(() => metricValue(server.url, "signal_desk_socket_connections"), { timeout: 10_000 }).toBe(baseline);
  summary("hostile handshakes", {
    handshakes: HANDSHAKE_RUNS,
    outcomes: [...outcomes].map(([outcome, count]) => `${outcome}x${count}`).join(","),
    garbage_events: EVENT_RUNS,
    sockets_left: (await metricValue(server.url, "signal_desk_socket_connections")) - baseline,
  });
});
