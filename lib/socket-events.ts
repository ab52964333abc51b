import type { DeliveryLogRow } from "./delivery-log-schema";
import type { SignalAck, SignalNotification, SignalUpdate } from "./signal-notification";
import type { SignalOutcomeEvent } from "./market-outcome";

export interface ServerToClientEvents {
  signal_approved: (signal: SignalNotification, ack: (receipt: SignalAck) => void) => void;
  signal_updated: (update: SignalUpdate) => void;
  /** What the market did after approval (contract §8), once per signal. */
  signal_outcome: (outcome: SignalOutcomeEvent) => void;
  /** Admin room only: the delivery attempts logged in the last 50 ms, oldest first (issue 20: batched). */
  delivery_logged: (rows: DeliveryLogRow[]) => void;
}

export interface ClientToServerEvents {
  /** Clock sync: the client measures round trip and offset from the server's clock. */
  time_sync: (reply: (serverTime: { server_time: string }) => void) => void;
}

/** Set once by the handshake; no client event can change it. */
export interface SocketData {
  userId: string;
  email: string;
  role: "trader" | "admin";
  sessionId: string;
  /** Epoch ms: the socket is closed when its session expires. */
  expiresAt: number;
  issuedAt: number;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const ADMIN_ROOM = "admins";
