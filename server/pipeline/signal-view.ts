import type { InvalidationReason } from "@/lib/market-outcome";
import type { SignalView } from "@/lib/signal-view";
import type { SignalOutcomeColumns } from "../db/schema";
import { toNotification } from "../notifications/notification-payload";
import { toOutcome } from "../outcomes/outcome-view";
import type { SignalRow } from "./signal-store";

export type { SignalView } from "@/lib/signal-view";

/**
 * A signal as GET /api/signals shows it (`SignalViewSchema`): the notification fields plus its status and,
 * once known, its outcome. The store's rows carry the outcome columns (selectAll) though SignalRow omits them.
 */
export function toSignalView(row: SignalRow & Partial<SignalOutcomeColumns>): SignalView {
  // Traders' lists exclude rejected signals in the query; one here would be a bug, not a state to show.
  if (row.status === "rejected") throw new Error(`Signal ${row.id} was rejected and has no trader view`);
  const { type: _type, ...notification } = toNotification(row);
  const outcome = toOutcome(row);
  return {
    ...notification,
    status: row.status,
    decided_at: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    acked_at: row.acked_at === null ? null : new Date(row.acked_at).toISOString(),
    ...(outcome ? { outcome } : {}),
    ...(row.invalidation_reason ? { invalidation_reason: row.invalidation_reason as InvalidationReason } : {}),
  };
}
