import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./socket-events";

export type SignalDeskClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: SignalDeskClientSocket | null = null;

/** The page's one socket, created on first use and connected by the hook that owns it. */
export function getSocket(): SignalDeskClientSocket {
  // Same origin: the httpOnly session cookie rides along with the WebSocket handshake.
  socket ??= io({ path: "/socket.io", autoConnect: false, transports: ["websocket", "polling"], withCredentials: true });
  return socket;
}
