import type { Toast } from "react-hot-toast";
import type { DeskSignal } from "../desk/signal-desk-store";

/**
 * How many signal toasts stand at once. More would run off a phone's screen and bury the newest signal;
 * the older ones step back to the queue, where their signals stay open (J/K, Take, Skip).
 */
export const MAX_SHOWN_TOASTS = 4;

/**
 * The toasts still showing, newest approval first. Arrival order is not approval order: a replay or the
 * list reloaded after a reconnect brings older signals after fresher ones, and they belong below them.
 */
export function toastStackOrder(toasts: readonly Toast[], signals: Readonly<Record<string, DeskSignal>>): Toast[] {
  // A toast's id is its signal's id (see showSignalToast); one without a signal keeps its own arrival time.
  const approvedAt = (item: Toast) => {
    const signal = signals[item.id];
    return signal ? Date.parse(signal.timestamp) : item.createdAt;
  };
  return toasts
    .filter((item) => item.visible)
    .sort((a, b) => approvedAt(b) - approvedAt(a) || b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}
