import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "@/lib/socket-events";

/** Nodes send each other nothing of their own; the Redis adapter carries the broadcasts. */
type InterServerEvents = Record<string, never>;

export type SignalDeskIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type SignalDeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
