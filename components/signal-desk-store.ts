import { createStore } from "zustand/vanilla";
import type { SignalNotification } from "@/lib/signal-notification";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";
export type SignalState = "approved" | "taken" | "skipped" | "expired";

export interface DeskSignal extends Omit<SignalNotification, "type"> {
  status: SignalState;
  decided_at: string | null;
}

export interface SignalDeskState {
  connection: ConnectionState;
  /** When the connection last went down; null while connected. */
  downSince: number | null;
  /** Server clock minus this browser's clock, learned from time_sync. */
  clockOffsetMs: number;
  signals: Record<string, DeskSignal>;
  setConnection(state: ConnectionState): void;
  setClockOffset(offsetMs: number): void;
  /** Adds a live signal; false when it was already known (a retry or replay). */
  receive(signal: SignalNotification): boolean;
  /** Merges the server's list (reload after connect); returns the pending signals that were new. */
  load(signals: DeskSignal[]): string[];
  setStatus(signalId: string, status: SignalState, decidedAt?: string): void;
}

/** One store per provider (per page), never a module-level singleton. */
export function createSignalDeskStore() {
  return createStore<SignalDeskState>()((set, get) => ({
    connection: "connecting",
    downSince: null,
    clockOffsetMs: 0,
    signals: {},
    setConnection: (connection) =>
      set((state) => ({
        connection,
        downSince: connection === "connected" ? null : (state.downSince ?? Date.now()),
      })),
    setClockOffset: (clockOffsetMs) => set({ clockOffsetMs }),
    receive: (signal) => {
      if (get().signals[signal.signal_id]) return false;
      const { type: _type, ...fields } = signal;
      set((state) => ({ signals: { ...state.signals, [signal.signal_id]: { ...fields, status: "approved", decided_at: null } } }));
      return true;
    },
    load: (signals) => {
      const known = get().signals;
      const added = signals.filter((signal) => !known[signal.signal_id] && signal.status === "approved").map((signal) => signal.signal_id);
      set((state) => {
        const next = { ...state.signals };
        for (const signal of signals) next[signal.signal_id] = { ...next[signal.signal_id], ...signal };
        return { signals: next };
      });
      return added;
    },
    setStatus: (signalId, status, decidedAt) =>
      set((state) => {
        const current = state.signals[signalId];
        if (!current) return state;
        return { signals: { ...state.signals, [signalId]: { ...current, status, decided_at: decidedAt ?? current.decided_at } } };
      }),
  }));
}

export type SignalDeskStore = ReturnType<typeof createSignalDeskStore>;
