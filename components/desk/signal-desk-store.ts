import { createStore } from "zustand/vanilla";
import type { Preferences } from "@/lib/preferences";
import type { SignalNotification } from "@/lib/signal-notification";
import type { InvalidationReason, Outcome } from "@/lib/market-outcome";
import type { SignalView, SignalViewStatus } from "@/lib/signal-view";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";
export type SignalState = SignalViewStatus;

/** A signal on this page: the server's view of it; `acked_at` is left out because the page never needs it. */
export type DeskSignal = Omit<SignalView, "acked_at">;

/** The part of the trader's preferences the page itself acts on. */
export type AlertPreferences = Pick<Preferences, "sound" | "desktop_notifications">;

export interface SignalDeskState {
  connection: ConnectionState;
  /** Since when the page has had no connection (this browser's clock); null while connected. */
  downSince: number | null;
  /** Server clock minus this browser's clock, learned from time_sync. */
  clockOffsetMs: number;
  /** False until the first clock sync: before it, no countdown can be trusted. */
  clockSynced: boolean;
  signals: Record<string, DeskSignal>;
  /** False until the first list (GET /api/signals) is in: before it, an empty queue means "not known yet". */
  listLoaded: boolean;
  /** Signals that deserve a toast, oldest first, until the toast layer takes them (see SignalToasts). */
  arrivals: string[];
  /** The signal J/K moved to; null means "the newest open one" (see keyboard-shortcuts). */
  selectedId: string | null;
  /** Signals whose take/skip request is on its way: their buttons and shortcuts wait. */
  deciding: Record<string, true>;
  /** The last decision confirmed in words, for the page's status region; `seq` makes a repeat news again. */
  notice: { text: string; seq: number } | null;
  /** null until GET /api/me/preferences answered. */
  preferences: AlertPreferences | null;
  /** Whether this tab is the one that sounds and notifies for the desk (see use-alert-leader). */
  alertLeader: boolean;
  setConnection: (state: ConnectionState) => void;
  /** A clock sample; `roundTripMs` decides whether it replaces the current one. */
  setClockOffset: (offsetMs: number, roundTripMs: number) => void;
  /** Adds a live signal; false when it was already known (a retry or replay). */
  receive: (signal: SignalNotification) => boolean;
  /**
   * Merges the server's list (reload after connect); returns the signals that were new to this page and
   * are still open at `serverNow`, the ones that deserve a toast.
   */
  load: (signals: DeskSignal[], serverNow: number) => string[];
  /** Asks for a toast for each of these signals; the socket hook calls it, the toast layer listens. */
  announce: (signalIds: readonly string[]) => void;
  /** Hands the waiting arrivals to the toast layer and clears them. */
  takeArrivals: () => string[];
  setStatus: (signalId: string, status: SignalState, decidedAt?: string, reason?: InvalidationReason) => void;
  /** What the market did after approval (`signal_outcome`). */
  setOutcome: (signalId: string, outcome: Outcome) => void;
  select: (signalId: string | null) => void;
  setDeciding: (signalId: string, deciding: boolean) => void;
  confirm: (text: string) => void;
  setPreferences: (preferences: AlertPreferences) => void;
  setAlertLeader: (leader: boolean) => void;
}

/** A clock sample measured over a slow round trip is less exact; a later, faster one replaces it. */
const CLOCK_SAMPLE_MAX_AGE_MS = 60_000;

/** True while a signal can still be taken or skipped, by the server's clock. */
export function isOpen(signal: DeskSignal, serverNow: number): boolean {
  return signal.status === "approved" && Date.parse(signal.expires_at) > serverNow;
}

/** One store per provider (per page), never a module-level singleton. */
export function createSignalDeskStore() {
  let bestRoundTrip = Number.POSITIVE_INFINITY;
  let bestAt = 0;
  return createStore<SignalDeskState>()((set, get) => ({
    connection: "connecting",
    // Not connected yet counts as down: a first connection that never comes must warn too.
    downSince: Date.now(),
    clockOffsetMs: 0,
    clockSynced: false,
    signals: {},
    listLoaded: false,
    arrivals: [],
    selectedId: null,
    deciding: {},
    notice: null,
    preferences: null,
    alertLeader: false,
    setConnection: (connection) =>
      set((state) => ({
        connection,
        downSince: connection === "connected" ? null : (state.downSince ?? Date.now()),
      })),
    setClockOffset: (clockOffsetMs, roundTripMs) => {
      // The offset is known to ± half the round trip: keep the tightest recent sample.
      const now = Date.now();
      if (get().clockSynced && roundTripMs > bestRoundTrip && now - bestAt < CLOCK_SAMPLE_MAX_AGE_MS) return;
      bestRoundTrip = roundTripMs;
      bestAt = now;
      set({ clockOffsetMs, clockSynced: true });
    },
    receive: (signal) => {
      if (get().signals[signal.signal_id]) return false;
      const { type: _type, ...fields } = signal;
      set((state) => ({ signals: { ...state.signals, [signal.signal_id]: { ...fields, status: "approved", decided_at: null } } }));
      return true;
    },
    load: (signals, serverNow) => {
      const known = get().signals;
      const added = signals.filter((signal) => !known[signal.signal_id] && isOpen(signal, serverNow)).map((signal) => signal.signal_id);
      set((state) => {
        const next = { ...state.signals };
        for (const signal of signals) {
          const current = next[signal.signal_id];
          // A decision this page already heard about (signal_updated) is never undone by an older list.
          next[signal.signal_id] =
            current && current.status !== "approved" && signal.status === "approved" ? current : { ...current, ...signal };
        }
        return { signals: next, listLoaded: true };
      });
      return added;
    },
    announce: (signalIds) => {
      if (signalIds.length > 0) set((state) => ({ arrivals: [...state.arrivals, ...signalIds] }));
    },
    takeArrivals: () => {
      const { arrivals } = get();
      if (arrivals.length > 0) set({ arrivals: [] });
      return arrivals;
    },
    setStatus: (signalId, status, decidedAt, reason) =>
      set((state) => {
        const current = state.signals[signalId];
        if (!current) return state;
        const next = {
          ...current,
          status,
          decided_at: decidedAt ?? current.decided_at,
          ...(reason ? { invalidation_reason: reason } : {}),
        };
        return { signals: { ...state.signals, [signalId]: next } };
      }),
    setOutcome: (signalId, outcome) =>
      set((state) => {
        const current = state.signals[signalId];
        if (!current) return state;
        return { signals: { ...state.signals, [signalId]: { ...current, outcome } } };
      }),
    select: (selectedId) => set({ selectedId }),
    setDeciding: (signalId, deciding) =>
      set((state) => {
        const next = { ...state.deciding };
        if (deciding) next[signalId] = true;
        else delete next[signalId];
        return { deciding: next };
      }),
    confirm: (text) => set((state) => ({ notice: { text, seq: (state.notice?.seq ?? 0) + 1 } })),
    setPreferences: (preferences) => set({ preferences }),
    setAlertLeader: (alertLeader) => set({ alertLeader }),
  }));
}

export type SignalDeskStore = ReturnType<typeof createSignalDeskStore>;
