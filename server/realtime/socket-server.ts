import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { ADMIN_ROOM, sessionRoom, userRoom } from "@/lib/socket-events";
import type { AuthService } from "../auth/auth-service";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import { handshakeAuth } from "./handshake-auth";
import { canPublish } from "./publish-readiness";
import type { SessionGuard } from "./session-guard";
import type { SignalDeskIo, SignalDeskSocket } from "./socket-types";

export interface SocketServerOptions {
  auth: AuthService;
  logger: Logger;
  /** The clock that stamps `timestamp`/`expires_at`: countdowns must read the same one. */
  clock: Clock;
  /** Re-checks sockets when a session ends on another node (session-guard.ts); without it, only at connection. */
  guard?: SessionGuard;
}

/**
 * Socket.IO on the app's own HTTP server: authenticated handshake, server-chosen rooms. Its connection
 * listener joins the rooms synchronously, so a "connection" listener added later sees the socket in them.
 */
export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): SignalDeskIo {
  const io: SignalDeskIo = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    transports: ["websocket", "polling"],
    pingInterval: 10_000,
    pingTimeout: 5_000,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (request, callback) => callback(null, isSameOrigin(request)),
  });

  io.use(handshakeAuth(options.auth));
  options.guard?.attach(io);

  io.on("connection", (socket) => {
    const { userId, role, sessionId } = socket.data;
    // Rooms are decided here from the verified session and nowhere else; no client event joins or leaves one.
    void socket.join([userRoom(userId), sessionRoom(sessionId), ...(role === "admin" ? [ADMIN_ROOM] : [])]);
    options.logger.info({ user_id: userId, socket_id: socket.id }, "socket connected");
    const expiry = closeAtSessionExpiry(socket);

    socket.on("time_sync", (reply) => {
      if (typeof reply === "function") reply({ server_time: new Date(options.clock.now()).toISOString() });
    });
    socket.on("disconnect", (reason) => {
      clearTimeout(expiry);
      options.guard?.forget(socket);
      options.logger.info({ user_id: userId, socket_id: socket.id, reason }, "socket disconnected");
    });

    // A sign-out or disable that landed between the handshake's check and the join above found no socket in
    // the rooms to close: check once more now that the socket is where such a close would reach it.
    verifications.set(
      socket,
      (options.guard ? options.guard.verify(socket) : options.auth.stillValid(socket.data)).then(
        (valid) => {
          if (valid) return socket.connected;
          options.logger.info({ user_id: userId, socket_id: socket.id }, "session ended during the handshake; closing");
          socket.disconnect(true);
          return false;
        },
        (error: unknown) => {
          // The database did not answer: keep the socket (the handshake did verify it) and let it receive.
          options.logger.warn({ err: error, socket_id: socket.id }, "session re-check failed");
          return socket.connected;
        },
      ),
    );
  });

  return io;
}

// setTimeout holds at most 2^31 - 1 ms (~24 days); sessions last 12 hours, far below.
const MAX_TIMER_MS = 2_147_483_647;

/** Closes the socket when its session token expires: a session is 12 hours, a tab can stay open for days. */
function closeAtSessionExpiry(socket: SignalDeskSocket): NodeJS.Timeout {
  const delay = Math.min(Math.max(0, socket.data.expiresAt - Date.now()), MAX_TIMER_MS);
  const timer = setTimeout(() => socket.disconnect(true), delay);
  timer.unref();
  return timer;
}

const verifications = new WeakMap<SignalDeskSocket, Promise<boolean>>();

/**
 * Resolves true once the socket's session was re-checked after it joined its rooms and is still valid;
 * false when that re-check closed it. Replay waits for this so nothing is sent to a session that just ended.
 */
export function whenVerified(socket: SignalDeskSocket): Promise<boolean> {
  return verifications.get(socket) ?? Promise.resolve(socket.connected);
}

/**
 * Browsers always send Origin; a page on another site must not ride the user's cookie into a socket.
 * Clients that send no Origin (servers, scripts) authenticate with a token instead.
 */
function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  // Behind a proxy that rewrites Host, the browser's host is the forwarded one.
  const forwarded = request.headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0]?.trim()) ?? request.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Closes every socket of one session (sign-out): this node's at once, then the other nodes'. */
export function disconnectSession(io: SignalDeskIo, sessionId: string): void {
  closeRoom(io, sessionRoom(sessionId));
}

/** Closes every socket of one user (disabled by an admin): this node's at once, then the other nodes'. */
export function disconnectUser(io: SignalDeskIo, userId: string): void {
  closeRoom(io, userRoom(userId));
}

function closeRoom(io: SignalDeskIo, room: string): void {
  // This node's sockets without Redis: the Redis adapter's disconnectSockets only publishes (and closes local
  // sockets when its own message comes back), so with Redis down nothing closed at all (issue 23 item 3).
  io.local.in(room).disconnectSockets(true);
  // The other nodes when Redis can carry it; otherwise their session guards see the raised epoch (session-guard.ts).
  if (canPublish(io)) io.in(room).disconnectSockets(true);
}
