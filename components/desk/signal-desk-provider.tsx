"use client";

import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { useStore } from "zustand";
import { unlockAudio } from "./signal-alerts";
import { createSignalDeskStore, type SignalDeskState, type SignalDeskStore } from "./signal-desk-store";
import { useAlertLeader } from "./use-alert-leader";
import { useAlertPreferences } from "./use-alert-preferences";
import { useSignalSocket } from "./use-signal-socket";

const StoreContext = createContext<SignalDeskStore | null>(null);

/** Owns the page's signal store, its one socket connection, and this tab's part in alerting. */
export function SignalDeskProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createSignalDeskStore);
  const leader = useAlertLeader((isLeader) => store.getState().setAlertLeader(isLeader));
  useAlertPreferences(store);
  useSignalSocket(store, leader);
  useEffect(() => {
    // Audio may start only after a gesture; the first click or key on the desk allows later beeps in the background.
    const unlock = () => unlockAudio();
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Reads one slice of the desk's state; components re-render only when their slice changes. */
export function useSignalDesk<T>(selector: (state: SignalDeskState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useSignalDesk needs a SignalDeskProvider");
  return useStore(store, selector);
}

/** The store itself, for event handlers that act on it (decisions, shortcuts); throws outside a provider. */
export function useDeskStore(): SignalDeskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useDeskStore needs a SignalDeskProvider");
  return store;
}

/** The store if there is one (the settings form works without a desk around it too). */
export function useSignalDeskStore(): SignalDeskStore | null {
  return useContext(StoreContext);
}
