import type { DeskSignal, SignalDeskState } from "../desk/signal-desk-store";
import { statusNow } from "./signal-status";

/** The signals T/S/J/K can act on: open at the server's `now`, newest first (the queue's order). */
export function openSignals(state: SignalDeskState, serverNow: number): DeskSignal[] {
  return Object.values(state.signals)
    .filter((signal) => statusNow(signal, serverNow, state.clockSynced) === "open")
    .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
}

/** The signal a shortcut acts on: the one focus is in, else the one J/K selected, else the newest open one. */
export function shortcutTarget(state: SignalDeskState, serverNow: number, focusedId: string | null): string | null {
  const open = openSignals(state, serverNow);
  const ids = open.map((signal) => signal.signal_id);
  if (focusedId && ids.includes(focusedId)) return focusedId;
  if (state.selectedId && ids.includes(state.selectedId)) return state.selectedId;
  return ids[0] ?? null;
}

/** J (+1, older) or K (−1, newer) from the current target; the first press selects the newest. */
export function moveSelection(state: SignalDeskState, serverNow: number, focusedId: string | null, step: 1 | -1): string | null {
  const ids = openSignals(state, serverNow).map((signal) => signal.signal_id);
  const current = focusedId && ids.includes(focusedId) ? focusedId : state.selectedId;
  const index = current ? ids.indexOf(current) : -1;
  if (index < 0) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, index + step))] ?? null;
}
