import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "@/lib/socket-events";

export type SignalDeskIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type SignalDeskSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
