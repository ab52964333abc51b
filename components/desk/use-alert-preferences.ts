"use client";

import { useEffect } from "react";
import { api } from "@/lib/api-client";
import { PreferencesSchema } from "@/lib/preferences";
import type { AlertPreferences, SignalDeskStore } from "./signal-desk-store";

const CHANNEL_NAME = "signal-desk:preferences";

/** Tells this tab's desk and every other open tab that the trader saved new preferences. */
export function announcePreferences(store: SignalDeskStore | null, preferences: AlertPreferences): void {
  store?.getState().setPreferences(preferences);
  if (typeof BroadcastChannel !== "function") return;
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.postMessage(preferences);
  channel.close();
}

const AlertPreferencesSchema = PreferencesSchema.pick({ sound: true, desktop_notifications: true });

/** Loads `sound` and `desktop_notifications` from GET /api/me/preferences and follows changes from any tab. */
export function useAlertPreferences(store: SignalDeskStore): void {
  useEffect(() => {
    const controller = new AbortController();
    const apply = (value: unknown) => {
      const parsed = AlertPreferencesSchema.safeParse(value);
      if (parsed.success) store.getState().setPreferences(parsed.data);
    };
    api.preferences
      .get(controller.signal)
      .then(apply)
      .catch(() => undefined);
    const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL_NAME) : null;
    if (channel) channel.onmessage = (event: MessageEvent<unknown>) => apply(event.data);
    return () => {
      controller.abort();
      channel?.close();
    };
  }, [store]);
}
