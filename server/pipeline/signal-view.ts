import type { SignalNotification } from "@/lib/signal-notification";
import { toNotification } from "../notifications/notification-payload";
import type { SignalRow } from "./signal-store";

export type SignalView = Omit<SignalNotification, "type"> & {
  status: SignalRow["status"];
  decided_at: string | null;
  acked_at: string | null;
};

/** A signal as GET /api/signals shows it: the notification fields plus its status. */
export function toSignalView(row: SignalRow): SignalView {
  const { type: _type, ...notification } = toNotification(row);
  return {
    ...notification,
    status: row.status,
    decided_at: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    acked_at: row.acked_at === null ? null : new Date(row.acked_at).toISOString(),
  };
}
