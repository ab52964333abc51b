"use client";

import { useSyncExternalStore } from "react";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
}

/** The signal named by `?signal=<id>`: where a push notification's click opens the desk. */
export function useFocusedSignalId(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.search).get("signal"),
    () => null,
  );
}
