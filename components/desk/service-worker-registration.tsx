"use client";

import { useEffect } from "react";
import { registerServiceWorker } from "./service-worker";

/** Registers (or updates) the service worker whenever the desk opens, so push messages find a current one. */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    // No service worker (old browser, private mode) only means no push: the desk works without it.
    registerServiceWorker().catch(() => undefined);
  }, []);
  return null;
}
