import { userRoom } from "@/lib/socket-events";
import type { AuthService } from "../auth/auth-service";
import type { SessionEpochs } from "../auth/session-epochs";
import type { Logger } from "../logger";
import type { SignalDeskIo, SignalDeskSocket } from "./socket-types";

/** How often each node reads the session epochs raised lately: other nodes close a signed-out socket within this. */
export const SESSION_LOOK_INTERVAL_MS = 250;
/**
 * Each look reads again what changed this long before the previous one, so a node whose clock runs behind
 * (it stamps `changed_at`) is still seen. Reading a change twice costs a comparison; acting on it twice cannot
 * happen, because a socket is re-checked only while its recorded epoch is below the one read.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 30_000;
/** Recorded for a socket whose connection check could not reach the database: any raise re-checks it. */
const UNCHECKED = -1;
/** What the hot path answers for nearly every user; never mutated. */
const NOBODY_HELD: Set<string> = new Set();

// On globalThis, like the service registry: a copy of this module bundled apart (Next's routes) sees the same map.
const GUARDS = Symbol.for("signal-desk.session-guards");
const guards: WeakMap<SignalDeskIo, SessionGuard> = ((globalThis as { [GUARDS]?: WeakMap<SignalDeskIo, SessionGuard> })[GUARDS] ??=
  new WeakMap());

/**
 * HOT PATH, called by the delivery attempt before it emits: the ids of this node's sockets of the user whose
 * session is being re-checked right now, to leave out of the broadcast. A WeakMap and a Map lookup; the database
 * is read by the guard's own timer, never here.
 */
export function heldSockets(io: SignalDeskIo, userId: string): Set<string> {
  return guards.get(io)?.held.get(userId) ?? NOBODY_HELD;
}

export interface SessionGuardOptions {
  auth: Pick<AuthService, "stillValid">;
  epochs: Pick<SessionEpochs, "read" | "changedSince">;
  logger: Logger;
  /** Wall-clock ms, the clock that stamps `changed_at` (never the test clock, which tests move by hours). */
  now?: () => number;
  intervalMs?: number;
}

/**
 * Keeps this node's sockets honest without Redis (issue 23 item 3). Every sign-out and disable raises the user's
 * session epoch in the database (server/auth/session-epochs.ts). Each socket records the epoch it was last found
 * valid at; the guard reads the epochs raised lately every 250 ms, and a socket whose user's epoch moved past its
 * own is re-checked (closed when its session ended) and gets no delivery until the check is done. With Redis up,
 * the adapter's disconnect reaches other nodes first; with Redis down, this is how they catch up.
 */
export class SessionGuard {
  /** userId → this node's sockets of theirs being re-checked; read on every delivery attempt. */
  readonly held = new Map<string, Set<string>>();
  /** socket id → the user's epoch at which its session was last found valid. */
  private readonly verifiedAt = new Map<string, number>();
  private io: SignalDeskIo | null = null;
  private lookedAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private looking: Promise<void> | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly options: SessionGuardOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? SESSION_LOOK_INTERVAL_MS;
  }

  /** Binds the guard to the socket server (createSocketServer calls it) and to heldSockets(). */
  attach(io: SignalDeskIo): void {
    this.io = io;
    guards.set(io, this);
  }

  /**
   * The connection's check after the room join: reads the epoch before the session, so a sign-out landing in
   * between leaves the socket below the raised epoch, and the next look re-checks it. Throws when the database fails.
   */
  async verify(socket: SignalDeskSocket): Promise<boolean> {
    try {
      const epoch = await this.options.epochs.read(socket.data.userId);
      const valid = await this.options.auth.stillValid(socket.data);
      if (valid && socket.connected) this.verifiedAt.set(socket.id, epoch);
      return valid;
    } catch (error) {
      if (socket.connected) this.verifiedAt.set(socket.id, UNCHECKED);
      throw error;
    }
  }

  /** The socket closed: nothing of it is kept. */
  forget(socket: SignalDeskSocket): void {
    this.verifiedAt.delete(socket.id);
    this.held.get(socket.data.userId)?.delete(socket.id);
  }

  /** Starts looking every SESSION_LOOK_INTERVAL_MS; each look starts after the previous one ended. */
  start(): void {
    const schedule = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.looking = this.look()
          .catch((error: unknown) => this.options.logger.warn({ err: error }, "session epochs could not be read"))
          .finally(() => {
            this.looking = null;
            schedule();
          });
      }, this.intervalMs);
      this.timer.unref();
    };
    schedule();
  }

  /** Stops the timer and waits for a look under way (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.looking;
  }

  /** One look: re-checks this node's sockets whose user's epoch rose past theirs, and closes those that ended. */
  async look(): Promise<void> {
    const io = this.io;
    if (!io) return;
    const startedAt = this.now();
    const changes = await this.options.epochs.changedSince((this.lookedAt ?? startedAt) - CLOCK_SKEW_ALLOWANCE_MS);
    this.lookedAt = startedAt;
    const namespace = io.of("/");
    const rechecks: Array<Promise<void>> = [];
    for (const change of changes) {
      for (const id of namespace.adapter.rooms.get(userRoom(change.user_id)) ?? []) {
        const verified = this.verifiedAt.get(id);
        // Undefined: its connection check is still under way, and records the epoch it read first.
        if (verified === undefined || verified >= change.epoch) continue;
        const socket = namespace.sockets.get(id);
        if (socket) rechecks.push(this.recheck(socket));
      }
    }
    await Promise.all(rechecks);
  }

  private async recheck(socket: SignalDeskSocket): Promise<void> {
    const { userId } = socket.data;
    let held = this.held.get(userId);
    if (held?.has(socket.id)) return;
    if (!held) this.held.set(userId, (held = new Set()));
    held.add(socket.id);
    try {
      const epoch = await this.options.epochs.read(userId);
      if (await this.options.auth.stillValid(socket.data)) {
        if (this.verifiedAt.has(socket.id)) this.verifiedAt.set(socket.id, epoch);
      } else {
        this.options.logger.info({ user_id: userId, socket_id: socket.id }, "session ended elsewhere; closing");
        socket.disconnect(true);
      }
    } catch (error) {
      // Left as it was: the change stays in the window, and the next look tries again.
      this.options.logger.warn({ err: error, socket_id: socket.id }, "session re-check failed");
    } finally {
      held.delete(socket.id);
      if (held.size === 0 && this.held.get(userId) === held) this.held.delete(userId);
    }
  }
}
