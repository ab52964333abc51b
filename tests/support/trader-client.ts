import type { SignalNotification } from "@/lib/signal-notification";
import { createSignalReceiver } from "@/lib/signal-receiver";
import type { SignalDeskClientSocket } from "@/lib/socket-client";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { authedFetch, connected, openSocket, signIn, type SignedIn } from "./session";

export interface Arrival {
  signal: SignalNotification;
  at: number;
}

export interface TraderClient {
  id: string;
  session: SignedIn;
  socket: SignalDeskClientSocket;
  /** Every copy that arrived, repeats included. */
  arrivals: Arrival[];
  /** What the client kept: one entry per signal_id. */
  stored: Map<string, SignalNotification>;
  close(): void;
  /** The copies of one signal that arrived. */
  copiesOf(signalId: string): Arrival[];
}

export interface TraderClientOptions {
  /** Decides per copy of a signal (1-based: 1 = first copy of that signal_id) whether to ack; default: always. */
  ackWhen?: (copy: number, signal: SignalNotification) => boolean;
  /** Reuse a session instead of signing in again. */
  session?: SignedIn;
}

/** A browser-like client: signs in, connects with the cookie, stores by signal_id and acks like the dashboard does. */
export async function connectTrader(baseUrl: string, email: string, options: TraderClientOptions = {}): Promise<TraderClient> {
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  const session = options.session ?? (await signIn(baseUrl, email, user?.password ?? ""));
  const { id } = (await (await authedFetch(baseUrl, session, "/api/me")).json()) as { id: string };
  const socket = openSocket(baseUrl, { cookie: session.cookie });
  const arrivals: Arrival[] = [];
  const stored = new Map<string, SignalNotification>();
  const receive = createSignalReceiver({
    add: (signal) => (stored.has(signal.signal_id) ? false : (stored.set(signal.signal_id, signal), true)),
  });
  socket.on("signal_approved", (signal, ack) => {
    arrivals.push({ signal, at: Date.now() });
    const copy = arrivals.filter((arrival) => arrival.signal.signal_id === signal.signal_id).length;
    const shouldAck = options.ackWhen?.(copy, signal) ?? true;
    receive(signal, shouldAck ? ack : () => undefined);
  });
  await connected(socket);
  return {
    id,
    session,
    socket,
    arrivals,
    stored,
    close: () => socket.close(),
    copiesOf: (signalId) => arrivals.filter((arrival) => arrival.signal.signal_id === signalId),
  };
}

export async function userIdOf(baseUrl: string, email: string): Promise<string> {
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  const session = await signIn(baseUrl, email, user?.password ?? "");
  return ((await (await authedFetch(baseUrl, session, "/api/me")).json()) as { id: string }).id;
}
