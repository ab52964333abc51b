"use client";

import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { createSignalDeskStore, type SignalDeskState, type SignalDeskStore } from "./signal-desk-store";
import { useSignalSocket } from "./use-signal-socket";

const StoreContext = createContext<SignalDeskStore | null>(null);

/** Owns the page's signal store and its one socket connection. */
export function SignalDeskProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createSignalDeskStore);
  useSignalSocket(store);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Reads one slice of the desk's state; components re-render only when their slice changes. */
export function useSignalDesk<T>(selector: (state: SignalDeskState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useSignalDesk needs a SignalDeskProvider");
  return useStore(store, selector);
}
