"use client";

import { useEffect } from "react";
import { Toaster } from "react-hot-toast";
import { useSignalDeskStore } from "../desk/signal-desk-provider";
import { showSignalToast } from "./signal-toast";

/**
 * The toast layer: listens to the store for arrivals (announced by the socket hook) and opens one toast
 * per signal, and hosts the page's one Toaster. Mount it once, inside the SignalDeskProvider.
 */
export function SignalToasts() {
  const store = useSignalDeskStore();
  useEffect(() => {
    if (!store) return;
    const showArrivals = () => {
      for (const signalId of store.getState().takeArrivals()) showSignalToast(store, signalId);
    };
    // Arrivals announced before this layer subscribed are waiting in the store.
    showArrivals();
    return store.subscribe((state, previous) => {
      if (state.arrivals !== previous.arrivals && state.arrivals.length > 0) showArrivals();
    });
  }, [store]);
  // Right below the sticky header (see HeaderHeight), never over it.
  return <Toaster position="top-right" containerStyle={{ top: "calc(var(--header-height, 54px) + 10px)" }} gutter={10} />;
}
