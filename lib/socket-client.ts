import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./socket-events";

export type SignalDeskClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Reconnect backoff with jitter: 1 s, 2 s, 4 s, then every 5 s, each ±50 % at random. After a node restarts,
 * thousands of tabs come back spread over seconds instead of in one burst that would delay the node's first
 * answers (scripts/restart-time.ts measures it).
 */
export const RECONNECT_OPTIONS = {
  reconnection: true,
  reconnectionDelay: 1000,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
} as const;

let socket: SignalDeskClientSocket | null = null;

/** The page's one socket, created on first use and connected by the hook that owns it. */
export function getSocket(): SignalDeskClientSocket {
  // Same origin: the httpOnly session cookie rides along with the WebSocket handshake.
  socket ??= io({
    path: "/socket.io",
    autoConnect: false,
    transports: ["websocket", "polling"],
    withCredentials: true,
    ...RECONNECT_OPTIONS,
  });
  return socket;
}
