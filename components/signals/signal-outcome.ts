import type { DeskSignal } from "../desk/signal-desk-store";

/** Where a signal stands for the trader: still open, decided, or out of time. */
export type SignalOutcome = "open" | "taken" | "skipped" | "expired" | "invalidated";

/**
 * The outcome of a signal at `serverNow`; a signal the page no longer knows counts as expired. Before the
 * first clock sync this browser's clock may be minutes off, so only the server's status is trusted then.
 */
export function outcomeOf(signal: DeskSignal | undefined, serverNow: number, clockSynced: boolean): SignalOutcome {
  if (!signal) return "expired";
  if (signal.status !== "approved") return signal.status;
  return clockSynced && Date.parse(signal.expires_at) <= serverNow ? "expired" : "open";
}
