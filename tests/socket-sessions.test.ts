import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AuthService } from "@/server/auth/auth-service";
import { type UserRow, type UserStore } from "@/server/auth/user-store";
import { systemClock } from "@/server/clock";
import type { DatabaseHandle } from "@/server/db/database";
import { rootLogger } from "@/server/logger";
import { createSocketServer, whenVerified } from "@/server/realtime/socket-server";
import type { SignalDeskIo } from "@/server/realtime/socket-types";
import { authOverFreshDatabase } from "./support/auth-fixture";
import { openSocket } from "./support/session";

// Issue 11 item 5: a socket never outlives its session. The real socket server and AuthService on an
// in-memory database, so the moment between the handshake's check and the room join can be reached.
const SECRET = "socket-sessions-test-secret-0123456789";
let database: DatabaseHandle;
let users: UserStore;
let auth: AuthService;
let http: HttpServer;
let io: SignalDeskIo;
let url: string;
let user: UserRow;
let ready: string[];

beforeEach(async () => {
  ({ database, users, auth, user } = await authOverFreshDatabase({ secret: SECRET, password: "pw" }));
  http = createServer();
  ready = [];
  io = createSocketServer(http, { auth, logger: rootLogger.child({ ns: "test" }), clock: systemClock });
  // As server/app.ts replays: only to sockets whose session survived the re-check after the join.
  io.on("connection", (socket) => void whenVerified(socket).then((verified) => verified && ready.push(socket.id)));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((resolve) => void io.close(() => resolve()));
  await database.close();
});

function token(maxAgeS: number): Promise<string> {
  return encode({
    secret: SECRET,
    maxAge: maxAgeS,
    token: { id: user.id, email: user.email, role: "trader", sid: `sid-${Math.random()}`, issued_at: Date.now() },
  });
}

function disconnectReason(socket: ReturnType<typeof openSocket>, withinMs: number): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("still connected"), withinMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe("socket sessions", () => {
  it("closes a socket when its session token expires", async () => {
    const socket = openSocket(url, { token: await token(2) });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    // The token says 2 s; the server must close the socket then, not whenever the client reconnects.
    expect(await disconnectReason(socket, 6000)).toBe("io server disconnect");
    socket.close();
  });

  it("closes a socket whose user was disabled between the handshake check and the room join", async () => {
    const identifyToken = auth.identifyToken.bind(auth);
    auth.identifyToken = async (raw) => {
      const identity = await identifyToken(raw);
      // The admin's disable lands right after the handshake proved the session: no room holds the socket yet.
      await users.setDisabled(user.id, true);
      return identity;
    };
    const socket = openSocket(url, { token: await token(3600) });
    const outcome = await new Promise<string>((resolve) => {
      socket.once("connect_error", (error) => resolve(`refused: ${error.message}`));
      socket.once("connect", () => void disconnectReason(socket, 5000).then(resolve));
    });
    expect(outcome).toBe("io server disconnect");
    // Nothing was replayed to a socket whose session had ended.
    expect(ready).toEqual([]);
    socket.close();
  });

  it("keeps a valid socket and replays to it", async () => {
    const socket = openSocket(url, { token: await token(3600) });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    await expect.poll(() => ready.length).toBe(1);
    expect(await disconnectReason(socket, 300)).toBe("still connected");
    socket.close();
  });
});
