import { createSignalDeskStore } from "@/components/desk/signal-desk-store";
import type { SignalNotification } from "@/lib/signal-notification";
import { createSignalReceiver } from "@/lib/signal-receiver";
import type { SignalDeskClientSocket } from "@/lib/socket-client";
import { DEMO_USERS } from "@/server/demo/demo-users";
import { authedFetch, connected, openSocket, signIn, type SignedIn } from "./session";

export interface Arrival {
  signal: SignalNotification;
  at: number;
}

export interface StoredSignals {
  has(signalId: string): boolean;
  get(signalId: string): SignalNotification | undefined;
  ids(): string[];
  values(): SignalNotification[];
  readonly size: number;
}

export interface TraderClient {
  id: string;
  session: SignedIn;
  socket: SignalDeskClientSocket;
  /** Every copy that arrived, repeats included. */
  arrivals: Arrival[];
  /** What the client kept, read from the dashboard's own store (components/signal-desk-store.ts): one entry per signal_id. */
  stored: StoredSignals;
  /** Signal ids in the order the receiver announced them as new (a toast each on the dashboard). */
  shown: string[];
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
  const store = createSignalDeskStore();
  const shown: string[] = [];
  const receive = createSignalReceiver({ add: (signal) => store.getState().receive(signal) }, (signal) => shown.push(signal.signal_id));
  const stored: StoredSignals = {
    has: (signalId) => signalId in store.getState().signals,
    // The payload as it came over the wire (the store keeps it without `type`), for signals the store kept.
    get: (signalId) => (signalId in store.getState().signals ? arrivals.find((a) => a.signal.signal_id === signalId)?.signal : undefined),
    ids: () => Object.keys(store.getState().signals),
    values: () => Object.keys(store.getState().signals).flatMap((id) => arrivals.find((a) => a.signal.signal_id === id)?.signal ?? []),
    get size() {
      return Object.keys(store.getState().signals).length;
    },
  };
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
    shown,
    close: () => socket.close(),
    copiesOf: (signalId) => arrivals.filter((arrival) => arrival.signal.signal_id === signalId),
  };
}

export async function userIdOf(baseUrl: string, email: string): Promise<string> {
  const user = DEMO_USERS.find((candidate) => candidate.email === email);
  const session = await signIn(baseUrl, email, user?.password ?? "");
  return ((await (await authedFetch(baseUrl, session, "/api/me")).json()) as { id: string }).id;
}
