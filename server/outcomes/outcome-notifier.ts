import { userRoom } from "@/lib/socket-events";
import type { InvalidationReason } from "@/lib/market-outcome";
import type { Logger } from "../logger";
import type { SignalDeskIo } from "../realtime/socket-types";
import type { RecordedOutcome } from "./outcome-store";
import { toOutcome } from "./outcome-view";

/**
 * Tells the user's tabs (every node, through the adapter) what this node recorded: `signal_updated`
 * `invalidated` first, so a toast stops offering its buttons, then `signal_outcome`.
 */
export function announceOutcomes(io: SignalDeskIo, logger: Logger, recorded: RecordedOutcome[]): void {
  for (const row of recorded) {
    const outcome = toOutcome(row);
    if (!outcome) continue;
    const room = io.to(userRoom(row.user_id));
    if (row.status === "invalidated" && row.invalidation_reason) {
      room.emit("signal_updated", { signal_id: row.id, status: "invalidated", reason: row.invalidation_reason as InvalidationReason });
    }
    room.emit("signal_outcome", { signal_id: row.id, ...outcome });
    logger.info({ signal_id: row.id, user_id: row.user_id, ...outcome, invalidated: row.status === "invalidated" }, "signal outcome");
  }
}
