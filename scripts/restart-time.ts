// Restart time (issue 11 item 7): how long after process start a node answers /readyz 200, idle and with
// thousands of clients reconnecting after a crash. Runs what `npm start` runs (dist/server/index.mjs) on
// 127.0.0.1 only; every loop is bounded. Usage: npm run restart-time [-- --clients 5000 --runs 3]
import { type ChildProcess, spawn } from "node:child_process";
import { loadavg } from "node:os";
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { io, type Socket } from "socket.io-client";
import { RECONNECT_OPTIONS } from "@/lib/socket-client";
import { openDatabase } from "@/server/db/database";
import { freePort } from "@/tests/support/redis-server";
import { freshDatabaseUrl, SERVER_ENTRY } from "@/tests/support/test-server";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const CLIENTS = option("clients", 5000);
const RUNS = option("runs", 3);
const READY_DEADLINE_MS = 60_000;

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const env = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/tmp",
  NODE_ENV: "production",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: freshDatabaseUrl(),
  DEMO: "true",
  DEMO_FEED: "false",
  AUTH_SECRET: randomBytes(32).toString("hex"),
  LOG_LEVEL: "warn",
};

function start(): { child: ChildProcess; startedAt: number } {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.once("exit", () => {
    child.kill("SIGKILL");
  });
  return { child, startedAt };
}

// The poller runs in a process of its own: the 5,000 clients' reconnect work in this process must not delay
// the observation of the server's readiness.
const POLLER = `
const [url, deadline] = process.argv.slice(1);
(async () => {
  while (Date.now() < Number(deadline)) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) { process.stdout.write(String(Date.now())); return; }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  process.exit(1);
})();`;

/** Milliseconds from process start to the first /readyz 200, polled every 10 ms by a separate process. */
async function readyAfter(startedAtEpoch: number): Promise<number> {
  const poller = spawn(process.execPath, ["-e", POLLER, `${url}/readyz`, String(Date.now() + READY_DEADLINE_MS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  poller.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => poller.once("exit", resolve));
  if (code !== 0) throw new Error(`/readyz did not answer 200 within ${READY_DEADLINE_MS} ms`);
  return Number(output) - startedAtEpoch;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

// A start is CPU work from end to end (issue 23 item 8: module loading, Next's prepare, the migrations check), so
// its time says little without the load it ran under: every figure is printed with the 1-minute load average.
const load = () => `load average ${loadavg()[0]!.toFixed(1)}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const round = (ms: number) => Math.round(ms);

// Idle: the first start seeds the demo users; the runs after it are crash restarts on the same database.
const idle: number[] = [];
for (let run = 0; run <= RUNS; run++) {
  const { child, startedAt } = start();
  const ms = await readyAfter(startedAt);
  if (run > 0) idle.push(ms);
  else console.log(`first start (seeds demo users): /readyz 200 after ${round(ms)} ms`);
  await kill(child);
}
console.log(`idle restart: /readyz 200 after ${idle.map(round).join(", ")} ms (median ${round(median(idle))} ms; ${load()})`);

// Under load: CLIENTS authenticated sockets with the dashboard's reconnect options, then a SIGKILL and a restart.
const database = await openDatabase(env.DATABASE_URL);
const users = await database.db.selectFrom("users").select(["id", "email", "role"]).execute();
await database.close();
const tokens = await Promise.all(
  users.map((user) =>
    encode({
      secret: env.AUTH_SECRET,
      token: { id: user.id, email: user.email, role: user.role, sid: randomUUID(), issued_at: Date.now() },
    }),
  ),
);
let server = start();
await readyAfter(server.startedAt);
const sockets: Socket[] = [];
let connectedNow = 0;
for (let i = 0; i < CLIENTS; i++) {
  const socket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    auth: { token: tokens[i % tokens.length] },
    ...RECONNECT_OPTIONS,
  });
  socket.on("connect", () => connectedNow++);
  socket.on("disconnect", () => connectedNow--);
  socket.on("signal_approved", (_signal: unknown, ack: (receipt: { received_at: string }) => void) =>
    ack({ received_at: new Date().toISOString() }),
  );
  sockets.push(socket);
  // Connect in slices so the setup itself is not the burst being measured.
  if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 50));
}
const setupDeadline = performance.now() + 120_000;
while (connectedNow < CLIENTS && performance.now() < setupDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
console.log(`${connectedNow} of ${CLIENTS} sockets connected; SIGKILL and restart`);

const loaded: Array<{ ready: number; all: number }> = [];
for (let run = 0; run < RUNS; run++) {
  await kill(server.child);
  await new Promise((resolve) => setTimeout(resolve, 200));
  server = start();
  const ready = await readyAfter(server.startedAt);
  const deadline = performance.now() + 120_000;
  while (connectedNow < CLIENTS && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  loaded.push({ ready, all: Date.now() - server.startedAt });
  console.log(
    `restart ${run + 1} with ${CLIENTS} clients reconnecting: /readyz 200 after ${round(ready)} ms; ${connectedNow} reconnected after ${round(loaded.at(-1)!.all)} ms (${load()})`,
  );
}
console.log(
  `summary: idle median ${round(median(idle))} ms; with ${CLIENTS} clients median /readyz ${round(median(loaded.map((r) => r.ready)))} ms, all reconnected ${round(median(loaded.map((r) => r.all)))} ms`,
);
for (const socket of sockets) socket.close();
await kill(server.child);
process.exit(0);
