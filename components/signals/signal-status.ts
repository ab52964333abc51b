import type { DeskSignal } from "../desk/signal-desk-store";

/** The signal's status as the trader sees it now: still open, decided, or out of time (not its market outcome). */
export type SignalStatusNow = "open" | "taken" | "skipped" | "expired" | "invalidated";

/**
 * The status of a signal at `serverNow`; a signal the page no longer knows counts as expired. Before the
 * first clock sync this browser's clock may be minutes off, so only the server's status is trusted then.
 */
export function statusNow(signal: DeskSignal | undefined, serverNow: number, clockSynced: boolean): SignalStatusNow {
  if (!signal) return "expired";
  if (signal.status !== "approved") return signal.status;
  return clockSynced && Date.parse(signal.expires_at) <= serverNow ? "expired" : "open";
}
