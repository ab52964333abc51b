/**
 * Delivery benchmark: the real server, N authenticated sockets, approvals at an offered rate.
 * Prints approval→ack latency percentiles, throughput, delivery-log rows and memory per connection.
 *
 *   npm run bench -- [--clients 1000] [--rate 500] [--seconds 20]
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import { io, type Socket } from "socket.io-client";
import { hashPassword } from "@/server/auth/password";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase } from "@/server/db/database";
import { freshDatabaseUrl, startTestServer, TEST_INGEST_KEY } from "@/tests/support/test-server";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1000" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "20" },
  },
});
const clients = Number(values.clients);
const rate = Number(values.rate);
const seconds = Number(values.seconds);

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const TICK_MS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const databaseUrl = freshDatabaseUrl();
  const secret = randomBytes(32).toString("hex");
  console.log(`seeding ${clients} traders…`);
  const database = await openDatabase(databaseUrl);
  const users = new UserStore(database.db);
  const passwordHash = await hashPassword(randomUUID(), 4);
  const ids: string[] = [];
  for (let i = 0; i < clients; i++) {
    const user = await users.create({
      email: `bench-${i}@example.com`,
      passwordHash,
      role: "trader",
      preferences: {
        equity: "100000.00",
        risk_percentage: 1,
        min_confidence: 0,
        min_r_multiple: 0,
        ttl_seconds: 600,
        watchlist: ["ZZZZ"],
        sound: false,
        desktop_notifications: false,
      },
    });
    ids.push(user.id);
  }
  await database.close();

  const server = await startTestServer({ DATABASE_URL: databaseUrl, AUTH_SECRET: secret, DEMO: "false", LOG_LEVEL: "info" });
  await fetch(`${server.url}/healthz`);
  const rssBefore = rssKb(server.pid);

  console.log(`connecting ${clients} sockets…`);
  const received = new Map<string, { userId: string; at: number; copies: number }>();
  const sockets: Socket[] = [];
  for (let i = 0; i < clients; i += 100) {
    await Promise.all(
      ids.slice(i, i + 100).map(async (id, j) => {
        const token = await encode({
          token: { id, role: "trader", email: `bench-${i + j}@example.com`, sid: randomUUID(), issued_at: Date.now() },
          secret,
        });
        const socket = io(server.url, { transports: ["websocket"], auth: { token }, reconnection: false, forceNew: true });
        socket.on("signal_approved", (signal: { signal_id: string }, ack: (r: { received_at: string }) => void) => {
          const seen = received.get(signal.signal_id);
          if (seen) seen.copies++;
          else received.set(signal.signal_id, { userId: id, at: Date.now(), copies: 1 });
          ack({ received_at: new Date().toISOString() });
        });
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", resolve);
          socket.once("connect_error", reject);
        });
        sockets.push(socket);
      }),
    );
  }
  await sleep(1000);
  const rssAfter = rssKb(server.pid);

  console.log(`approving at ${rate}/s for ${seconds} s…`);
  const expected = new Map<string, string>();
  const errors: string[] = [];
  const started = Date.now();
  let sent = 0;
  let ticks = 0;
  const inflight = new Set<Promise<void>>();
  // Each tick sends one pattern naming the users whose approvals are due, as a scanner would when
  // one setup concerns several traders: the offered rate counts approvals, not HTTP requests.
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    if (due > sent) {
      const batch = Array.from({ length: due - sent }, () => ids[Math.floor(Math.random() * ids.length)]!);
      const tick = ticks++;
      sent = due;
      const request = fetch(`${server.url}/api/patterns`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_INGEST_KEY}` },
        body: JSON.stringify({
          symbol: `B${tick.toString(36).toUpperCase()}`,
          pattern_type: "SPRING",
          timeframe: "1m",
          detected_at: new Date().toISOString(),
          entry_price: "100.00",
          stop_loss: "99.00",
          target_price: "103.00",
          pattern_quality: 0.9,
          phase_strength: 0.9,
          volume_ratio: 0.3,
          user_ids: [...new Set(batch)],
        }),
      })
        .then(async (response) => {
          const body = (await response.json()) as { signals?: Array<{ signal_id: string; user_id: string; status: string }> };
          if (response.status !== 201) errors.push(`${response.status} ${JSON.stringify(body)}`);
          for (const signal of body.signals ?? []) {
            if (signal.status === "approved") expected.set(signal.signal_id, signal.user_id);
            else errors.push(JSON.stringify(signal));
          }
        })
        .catch((error: unknown) => void errors.push(String(error)));
      inflight.add(request);
      void request.finally(() => inflight.delete(request));
    }
    await sleep(TICK_MS);
  }
  await Promise.all(inflight);
  const offeredSeconds = (Date.now() - started) / 1000;
  for (let waited = 0; waited < 10_000 && [...expected.keys()].some((id) => !received.has(id)); waited += 100) await sleep(100);
  await sleep(500);

  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  for (const socket of sockets) socket.close();
  await server.stop();

  const check = await openDatabase(databaseUrl);
  const rows = await check.db.selectFrom("delivery_log").select(["latency_ms", "outcome"]).execute();
  await check.close();

  const latencies = rows
    .filter((row) => row.outcome === "delivered")
    .map((row) => row.latency_ms)
    .sort((a, b) => a - b);
  const lost = [...expected.keys()].filter((id) => !received.has(id)).length;
  const misdelivered = [...received.entries()].filter(([id, r]) => expected.has(id) && expected.get(id) !== r.userId).length;
  const duplicated = [...received.values()].filter((r) => r.copies > 1).length;
  const delivered = [...expected.keys()].filter((id) => received.has(id)).length;
  const result = {
    date: new Date().toISOString(),
    clients,
    offered_rate_per_s: rate,
    seconds: Number(offeredSeconds.toFixed(1)),
    approvals: expected.size,
    request_errors: errors.length,
    delivered,
    deliveries_per_s: Number((delivered / offeredSeconds).toFixed(1)),
    lost,
    duplicated,
    misdelivered,
    latency_ms: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
    },
    delivery_log_rows: rows.length,
    server_rss_mb: { before_sockets: Math.round(rssBefore / 1024), after_sockets: Math.round(rssAfter / 1024) },
    memory_per_connection_kb: Number(((rssAfter - rssBefore) / clients).toFixed(1)),
    metrics_delivered: Number(/signal_notifications_sent_total\{outcome="delivered"\} (\d+)/.exec(metrics)?.[1] ?? 0),
  };
  console.table({
    "approval→ack p50 (ms)": result.latency_ms.p50,
    "approval→ack p95 (ms)": result.latency_ms.p95,
    "approval→ack p99 (ms)": result.latency_ms.p99,
    "approval→ack max (ms)": result.latency_ms.max,
    "deliveries / s": result.deliveries_per_s,
    approvals: result.approvals,
    lost: result.lost,
    duplicated: result.duplicated,
    "request errors": result.request_errors,
    "delivery-log rows": result.delivery_log_rows,
    "memory / connection (KB)": result.memory_per_connection_kb,
  });
  if (errors.length) console.log("first errors:", errors.slice(0, 3));
  const file = `bench/results/delivery-${result.date.replaceAll(":", "-")}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${file}`);
  process.exit(lost || misdelivered ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
