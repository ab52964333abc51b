/**
 * The benchmark's baseline: a bare Socket.IO 4 server (no app, no database) in its own process, each client
 * in its own room `user:<n>`, driven over IPC by bench/delivery-bench.ts with the same phases as Signal Desk.
 * Latency is emit → ack, both taken here with performance.now().
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { notificationLike, type BaselineCommand, type BaselineReply } from "./bench-protocol";

const ACK_TIMEOUT_MS = 1000;
const TICK_MS = 10;

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, transports: ["websocket"] });
io.on("connection", (socket) => {
  const user = Number((socket.handshake.auth as { user?: unknown }).user);
  void socket.join(`user:${user}`);
});

const send = (reply: BaselineReply) => process.send?.(reply);

/** One delivery: emitWithAck to the user's room; resolves with the ms from emit to ack, or null on timeout. */
async function deliver(user: number, n: number): Promise<number | null> {
  const started = performance.now();
  try {
    await io
      .to(`user:${user}`)
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("signal_approved", notificationLike(`raw-${n}`));
    return performance.now() - started;
  } catch {
    return null;
  }
}

/** Deliveries at `rate` per second to random users, in 10 ms ticks like the Signal Desk driver. */
async function sustained(users: number, rate: number, seconds: number): Promise<BaselineReply> {
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      inflight.push(
        deliver(Math.floor(Math.random() * users), sent).then((ms) => {
          if (ms === null) failed++;
          else latencies.push(ms);
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(inflight);
  return { type: "result", latencies, failed, seconds: (performance.now() - started) / 1000 };
}

/** Closed loop: `window` deliveries always in flight, for `seconds`; the acked ones count. */
async function saturation(users: number, window: number, seconds: number): Promise<BaselineReply> {
  let acked = 0;
  let failed = 0;
  let n = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const ms = await deliver(Math.floor(Math.random() * users), n++);
      if (ms === null) failed++;
      else acked++;
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  return { type: "result", latencies: [], failed, acked, seconds: (performance.now() - started) / 1000 };
}

/** One event to every user's room at once; the time until the last ack. */
async function fanout(users: number): Promise<BaselineReply> {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: users }, (_, user) => deliver(user, user)));
  const elapsed = performance.now() - started;
  return { type: "result", latencies: [elapsed], failed: results.filter((ms) => ms === null).length, seconds: elapsed / 1000 };
}

process.on("message", (command: BaselineCommand) => {
  const run =
    command.type === "sustained"
      ? sustained(command.users, command.rate, command.seconds)
      : command.type === "saturation"
        ? saturation(command.users, command.window, command.seconds)
        : command.type === "fanout"
          ? fanout(command.users)
          : null;
  if (command.type === "stop") {
    void io.close(() => process.exit(0));
    return;
  }
  void run?.then(send);
});

httpServer.listen(0, "127.0.0.1", () => send({ type: "listening", port: (httpServer.address() as AddressInfo).port }));
