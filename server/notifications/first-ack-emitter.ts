import type { SignalNotification } from "@/lib/signal-notification";
import { userRoom } from "@/lib/socket-events";
import type { DeliveryOutcome } from "../db/schema";
import { heldSockets } from "../realtime/session-guard";
import type { SignalDeskIo, SignalDeskSocket } from "../realtime/socket-types";

/** What one attempt came to: the outcome for the log and the number of sockets whose ack recorded it. */
export interface AttemptResult {
  outcome: DeliveryOutcome;
  sockets: number;
  error: string | null;
}

// socket.io-parser's PacketType.EVENT; the parser is Socket.IO's dependency, not ours.
const EVENT_PACKET = 2;

/** Socket.IO keeps pending ack callbacks per socket; its broadcast clears them on timeout, and so do we. */
type SocketAcks = { acks: Map<number, unknown> };

/** Socket.IO only reads the `except` set of a broadcast, so the local one shares this empty one. */

export const NO_SOCKET: AttemptResult = { outcome: "no_connection", sockets: 0, error: "no socket connected" };

/**
 * Emits `signal_approved` to every socket of one user — this node's and, through the adapter, the other
 * nodes' — in one broadcast, and settles at the FIRST ack from any of them: a stalled tab neither delays nor
 * hides a delivery, and a socket on another node counts as soon as it acks (contract §4). This is Socket.IO's own
 * BroadcastOperator#emit with acks, except that it resolves per response instead of waiting for all.
 */
export class FirstAckEmitter {
  constructor(
    private readonly io: SignalDeskIo,
    private readonly ackTimeoutMs: number,
    /** True when an adapter shares rooms with other nodes. */
    private readonly clustered: boolean,
  ) {}

  /** One attempt to the user's room; `local` limits it to this node's sockets (the periodic replay). */
  emit(userId: string, payload: SignalNotification, scope: "everywhere" | "local" = "everywhere"): Promise<AttemptResult> {
    const namespace = this.io.of("/");
    const adapter = namespace.adapter;
    const room = userRoom(userId);
    const remote = scope === "everywhere" && this.clustered;
    const packets: Array<{ type: number; data: unknown[]; id?: number }> = [];
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      // The local broadcast answers for this node; the remote one answers once per node (this one included).
      let expectedServers = remote ? -1 : 1;
      let answeredServers = 0;
      let expectedClients = 0;
      let responses = 0;
      const settle = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const timer = setTimeout(() => {
        // One more turn of the loop first: an ack that reached the process in time but waits behind a busy
        // event loop is read in the poll phase that follows, and must count as in time.
        setImmediate(() => {
          // Forget the ack callbacks of sockets that never answered, as Socket.IO does on a broadcast timeout.
          for (const packet of packets) {
            if (packet.id === undefined) continue;
            for (const socket of namespace.sockets.values()) (socket as unknown as SocketAcks).acks.delete(packet.id);
          }
          settle(
            expectedClients > 0
              ? { outcome: "timeout", sockets: 0, error: `no ack within ${this.ackTimeoutMs} ms` }
              : expectedServers === answeredServers
                ? NO_SOCKET
                : { outcome: "timeout", sockets: 0, error: `no node answered within ${this.ackTimeoutMs} ms` },
          );
        });
      }, this.ackTimeoutMs);
      const check = () => {
        if (expectedServers !== answeredServers || responses !== expectedClients) return;
        clearTimeout(timer);
        // Every node reported and every socket answered: nobody was there when responses is 0.
        settle(responses > 0 ? { outcome: "delivered", sockets: 1, error: null } : NO_SOCKET);
      };
      const onCount = (clients: number) => {
        expectedClients += clients;
        answeredServers += 1;
        check();
      };
      const onAck = () => {
        responses += 1;
        settle({ outcome: "delivered", sockets: 1, error: null });
        check();
      };
      const broadcast = (except: ReadonlySet<string>, local: boolean) => {
        const packet = { type: EVENT_PACKET, data: ["signal_approved", payload] };
        packets.push(packet);
        const flags = { timeout: this.ackTimeoutMs, ...(local ? { local: true } : {}) };
        adapter.broadcastWithAck(packet, { rooms: new Set([room]), except: except as Set<string>, flags }, onCount, onAck);
      };
      // This node's sockets, then every other node's with this node's sockets excepted by id: the Redis
      // adapter treats its own request as another node's when it comes back after the ack timeout (a busy
      // loop), and the exception keeps that from sending local sockets a second copy.
      // session-guard (issue 23 item 3): this node's sockets whose session is being re-checked get nothing meanwhile.
      broadcast(heldSockets(this.io, userId), true);
      if (remote) {
        broadcast(new Set(adapter.rooms.get(room) ?? []), false);
        adapter.serverCount().then(
          (count) => {
            expectedServers = 1 + count;
            check();
          },
          () => undefined,
        );
      }
    });
  }
}

/** One socket (the replay on connect): delivered, or why not. */
export async function emitToSocket(socket: SignalDeskSocket, payload: SignalNotification, ackTimeoutMs: number): Promise<AttemptResult> {
  try {
    await socket.timeout(ackTimeoutMs).emitWithAck("signal_approved", payload);
    return { outcome: "delivered", sockets: 1, error: null };
  } catch {
    return socket.connected
      ? { outcome: "timeout", sockets: 0, error: `no ack to replay within ${ackTimeoutMs} ms` }
      : { outcome: "no_connection", sockets: 0, error: "socket closed during replay" };
  }
}
