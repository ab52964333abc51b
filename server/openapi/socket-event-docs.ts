import { z } from "zod";
import { DeliveryLogRowSchema } from "@/lib/delivery-log-schema";
import { SignalAckSchema, SignalNotificationSchema, SignalUpdateSchema } from "@/lib/signal-notification";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/socket-events";
import { SignalOutcomeEventSchema } from "@/lib/market-outcome";

/** One Socket.IO event as the document shows it. */
export interface SocketEventDoc {
  summary: string;
  /** Who receives it (server → client) or who may send it (client → server). */
  audience: string;
  payload?: z.ZodType;
  /** What the acknowledgement callback is called with, when the event has one. */
  ack?: z.ZodType;
}

/* The Socket.IO events. Every key of ServerToClientEvents / ClientToServerEvents must be here: tsc fails otherwise. */
type Documented<Events> = Record<keyof Events, SocketEventDoc>;

export const SERVER_TO_CLIENT_EVENTS: Documented<ServerToClientEvents> = {
  signal_approved: {
    summary: "A signal approved for this user. Ack as soon as it is stored; a repeated signal_id is acked again but shown once.",
    audience: "room user:<id>: every tab of the user",
    payload: SignalNotificationSchema,
    ack: SignalAckSchema,
  },
  signal_updated: {
    summary: "A signal changed state: taken or skipped (in any tab), expired, or invalidated (contract §8).",
    audience: "room user:<id>",
    payload: SignalUpdateSchema,
  },
  signal_outcome: {
    summary: "What the market did after approval: the first of stop or target, or a timeout after 24 hours (contract §8).",
    audience: "room user:<id>",
    payload: SignalOutcomeEventSchema,
  },
  delivery_logged: {
    summary: "The delivery attempts written to the delivery log in the last 50 ms, oldest first (at most one message per 50 ms).",
    audience: "room admins: sockets of admin sessions",
    payload: z.array(DeliveryLogRowSchema),
  },
};

export const CLIENT_TO_SERVER_EVENTS: Documented<ClientToServerEvents> = {
  time_sync: {
    summary: "Clock sync: the ack carries the server's time, so the client can measure its offset and round trip.",
    audience: "any connected socket",
    ack: z.object({ server_time: z.iso.datetime() }),
  },
};
