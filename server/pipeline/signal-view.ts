import type { SignalNotification } from "@/lib/signal-notification";
import type { Outcome } from "@/lib/signal-outcome";
import type { SignalOutcomeColumns } from "../db/schema";
import { toNotification } from "../notifications/notification-payload";
import { toOutcome } from "../outcomes/outcome-view";
import type { SignalRow } from "./signal-store";

export type SignalView = Omit<SignalNotification, "type"> & {
  status: SignalRow["status"];
  decided_at: string | null;
  acked_at: string | null;
  /** SPEC §8, present once known. */
  outcome?: Outcome;
  /** With status `invalidated`: `stop_reached` or `target_reached`. */
  invalidation_reason?: string;
};

/** A signal as GET /api/signals shows it: the notification fields plus its status and, once known, its outcome. */
export function toSignalView(row: SignalRow & Partial<SignalOutcomeColumns>): SignalView {
  const { type: _type, ...notification } = toNotification(row);
  const outcome = toOutcome(row);
  return {
    ...notification,
    status: row.status,
    decided_at: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    acked_at: row.acked_at === null ? null : new Date(row.acked_at).toISOString(),
    ...(outcome ? { outcome } : {}),
    ...(row.invalidation_reason ? { invalidation_reason: row.invalidation_reason } : {}),
  };
}
