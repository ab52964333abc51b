import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AuthService, type SessionIdentity } from "@/server/auth/auth-service";
import { SessionEpochs } from "@/server/auth/session-epochs";
import { type SessionRevocations } from "@/server/auth/session-revocations";
import { type UserRow, type UserStore } from "@/server/auth/user-store";
import { systemClock } from "@/server/clock";
import type { DatabaseHandle } from "@/server/db/database";
import { rootLogger } from "@/server/logger";
import { FirstAckEmitter } from "@/server/notifications/first-ack-emitter";
import { testNotification } from "@/server/notifications/webhook/webhook-test-send";
import { authOverFreshDatabase } from "@/tests/support/auth-fixture";
import { openSocket } from "@/tests/support/session";
import { SESSION_LOOK_INTERVAL_MS, SessionGuard } from "./session-guard";
import { createSocketServer, disconnectSession, whenVerified } from "./socket-server";
import type { SignalDeskIo } from "./socket-types";

// Issue 23 item 3: two socket servers ("nodes") on one database and no Redis between them, as while Redis is down.
// A sign-out or a disable on node A must close the sockets on node B through the session epochs alone.
const SECRET = "session-guard-test-secret-0123456789";
const logger = rootLogger.child({ ns: "test" });

interface Node {
  http: HttpServer;
  io: SignalDeskIo;
  guard: SessionGuard;
  url: string;
}

let database: DatabaseHandle;
let users: UserStore;
let auth: AuthService;
let revocations: SessionRevocations;
let user: UserRow;
/** While set, the guard's re-checks wait for it: the moment a socket is held can be looked at. */
let gate: Promise<void> | null;
let nodes: Node[];

async function startNode(): Promise<Node> {
  const guard = new SessionGuard({
    auth: {
      stillValid: async (identity: SessionIdentity) => {
        await gate;
        return auth.stillValid(identity);
      },
    },
    epochs: new SessionEpochs(database.db),
    logger,
  });
  const http = createServer();
  const io = createSocketServer(http, { auth, logger, clock: systemClock, guard });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const node = { http, io, guard, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  nodes.push(node);
  return node;
}

beforeEach(async () => {
  ({ database, users, revocations, auth, user } = await authOverFreshDatabase({ secret: SECRET }));
  gate = null;
  nodes = [];
});
afterEach(async () => {
  for (const node of nodes) {
    await node.guard.stop();
    await new Promise<void>((resolve) => void node.io.close(() => resolve()));
  }
  await database.close();
});

async function session(): Promise<{ sid: string; token: string }> {
  const sid = randomUUID();
  const token = await encode({ secret: SECRET, token: { id: user.id, email: user.email, role: "trader", sid, issued_at: Date.now() } });
  return { sid, token };
}

/** A connected socket whose connection check is done (the guard recorded its epoch). */
async function connectedSocket(node: Node, token: string) {
  const socket = openSocket(node.url, { token });
  const received: string[] = [];
  socket.on("signal_approved", (signal, ack) => {
    received.push(signal.signal_id);
    ack({ received_at: new Date().toISOString() });
  });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  const serverSide = node.io.of("/").sockets.get(socket.id ?? "");
  if (!serverSide || !(await whenVerified(serverSide))) throw new Error("the socket's connection check failed");
  return { socket, received };
}

/** What server/auth/auth-options.ts does on sign-out, on node A. */
async function signOutOn(node: Node, sid: string): Promise<void> {
  disconnectSession(node.io, sid);
  await revocations.revoke(sid, user.id);
}

describe("session guard (no Redis between the nodes)", () => {
  it("closes on node B the socket of a session signed out on node A at B's next look, and keeps the user's other session", async () => {
    const [a, b] = [await startNode(), await startNode()];
    const [ended, kept] = [await session(), await session()];
    const onB = await connectedSocket(b, ended.token);
    const otherOnB = await connectedSocket(b, kept.token);
    const closed = new Promise<string>((resolve) => onB.socket.once("disconnect", resolve));

    await signOutOn(a, ended.sid);
    expect(onB.socket.connected).toBe(true);
    await b.guard.look();

    expect(await closed).toBe("io server disconnect");
    expect(otherOnB.socket.connected).toBe(true);
    otherOnB.socket.close();
  });

  it("closes on node B every socket of a user disabled on node A", async () => {
    const [, b] = [await startNode(), await startNode()];
    const tabs = [await connectedSocket(b, (await session()).token), await connectedSocket(b, (await session()).token)];
    const closed = tabs.map(({ socket }) => new Promise<string>((resolve) => socket.once("disconnect", resolve)));

    await users.setDisabled(user.id, true);
    await b.guard.look();

    expect(await Promise.all(closed)).toEqual(["io server disconnect", "io server disconnect"]);
  });

  it(`closes it within one second on its own timer (a look every ${SESSION_LOOK_INTERVAL_MS} ms)`, async () => {
    const [a, b] = [await startNode(), await startNode()];
    b.guard.start();
    const ended = await session();
    const onB = await connectedSocket(b, ended.token);
    const closed = new Promise<number>((resolve) => onB.socket.once("disconnect", () => resolve(Date.now())));

    const started = Date.now();
    await signOutOn(a, ended.sid);

    expect((await closed) - started).toBeLessThan(1000);
  });

  it("sends nothing to a socket while its session is re-checked, and delivers again once it is found valid", async () => {
    const [a, b] = [await startNode(), await startNode()];
    const [kept, other] = [await session(), await session()];
    const tab = await connectedSocket(b, kept.token);
    const emitter = new FirstAckEmitter(b.io, 300, false);
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));

    // Another session of the same user ends: the epoch rises, and B re-checks this tab, which the gate holds.
    await signOutOn(a, other.sid);
    const looking = b.guard.look();
    await expect.poll(() => b.guard.held.get(user.id)?.has(tab.socket.id ?? "")).toBe(true);
    const whileHeld = await emitter.emit(user.id, testNotification(Date.now(), 60));

    expect(whileHeld.outcome).toBe("no_connection");
    expect(tab.received).toEqual([]);

    open();
    await looking;
    const afterwards = testNotification(Date.now(), 60);
    expect((await emitter.emit(user.id, afterwards)).outcome).toBe("delivered");
    expect(tab.received).toEqual([afterwards.signal_id]);
    expect(b.guard.held.size).toBe(0);
    tab.socket.close();
  });

  it("looks only at epochs raised lately and re-checks a socket once per raise", async () => {
    const [a, b] = [await startNode(), await startNode()];
    const tab = await connectedSocket(b, (await session()).token);
    let checks = 0;
    const stillValid = auth.stillValid.bind(auth);
    auth.stillValid = (identity) => {
      checks += 1;
      return stillValid(identity);
    };

    await signOutOn(a, (await session()).sid);
    await b.guard.look();
    await b.guard.look();
    await b.guard.look();

    expect(checks).toBe(1);
    expect(tab.socket.connected).toBe(true);
    tab.socket.close();
  });
});
