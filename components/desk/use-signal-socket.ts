"use client";

import { useEffect } from "react";
import { createSignalReceiver } from "@/lib/signal-receiver";
import { type SignalNotification, SignalUpdateSchema } from "@/lib/signal-notification";
import { SignalOutcomeEventSchema } from "@/lib/market-outcome";
import { api, ApiError } from "@/lib/api-client";
import { getSocket } from "@/lib/socket-client";
import { type AlertLeader, alertIfAway, closeAlert } from "./signal-alerts";
import type { SignalDeskStore } from "./signal-desk-store";

const CLOCK_RESYNC_MS = 60_000;

/** A full page load, not a client navigation: the session is gone and nothing of this page's state may survive. */
function goToLogin(): void {
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose (see above)
  window.location.href = "/login";
}
const TIME_SYNC_TIMEOUT_MS = 5000;

/**
 * Connects the page's socket, feeds the store, and removes every listener on cleanup. New signals are
 * announced to the store (`announce`); the toast layer listens there, so this hook knows nothing of toasts.
 */
export function useSignalSocket(store: SignalDeskStore, leader: AlertLeader): void {
  useEffect(() => {
    const socket = getSocket();
    const state = () => store.getState();
    const announce = (signalId: string) => {
      state().announce([signalId]);
      const signal = state().signals[signalId];
      if (signal) alertIfAway(signal, state().preferences, leader);
    };
    const receive = createSignalReceiver(
      { add: (signal) => state().receive(signal) },
      (signal: SignalNotification) => announce(signal.signal_id),
      () => Date.now() + state().clockOffsetMs,
    );

    /** One clock sample: the server read its clock about halfway through the round trip. */
    const learnClock = (sentAt: number, receivedAt: number, serverTimeIso: string | null) => {
      const serverTime = Date.parse(serverTimeIso ?? "");
      if (Number.isFinite(serverTime)) state().setClockOffset(serverTime - (sentAt + receivedAt) / 2, receivedAt - sentAt);
    };
    const syncClock = () => {
      const sentAt = Date.now();
      socket.timeout(TIME_SYNC_TIMEOUT_MS).emit("time_sync", (error: Error | null, reply: { server_time: string }) => {
        if (!error) learnClock(sentAt, Date.now(), reply.server_time);
      });
    };
    let reloading: AbortController | null = null;
    const reload = async () => {
      reloading?.abort();
      const controller = new AbortController();
      reloading = controller;
      const sentAt = Date.now();
      const answer = await api.signals.list(controller.signal).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) goToLogin();
        return null;
      });
      if (!answer) return;
      const receivedAt = Date.now();
      const { signals, serverTime } = answer;
      // A coarse clock sample in case time_sync has not answered yet; a tighter time_sync sample wins.
      learnClock(sentAt, receivedAt, serverTime);
      // A pending signal first seen here (acked by another tab, or missed while disconnected) still gets its toast.
      for (const signalId of state().load(signals, receivedAt + state().clockOffsetMs)) announce(signalId);
    };
    const onConnect = () => {
      state().setConnection("connected");
      syncClock();
      reload().catch(() => undefined);
    };
    const onDisconnect = (reason: string) => {
      // The server closing us means the session ended (sign-out elsewhere, or an admin disabled the user).
      if (reason === "io server disconnect") goToLogin();
      state().setConnection(reason === "io client disconnect" ? "offline" : "reconnecting");
    };
    const onConnectError = (error: Error) => {
      if (error.message === "unauthorized") goToLogin();
      else state().setConnection("reconnecting");
    };
    const onUpdate = (payload: unknown) => {
      const update = SignalUpdateSchema.safeParse(payload);
      if (!update.success) return;
      state().setStatus(update.data.signal_id, update.data.status, update.data.decided_at, update.data.reason);
      closeAlert(update.data.signal_id);
    };
    const onOutcome = (payload: unknown) => {
      const outcome = SignalOutcomeEventSchema.safeParse(payload);
      if (!outcome.success) return;
      const { signal_id: signalId, ...fields } = outcome.data;
      state().setOutcome(signalId, fields);
    };

    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    socket.on("signal_approved", receive);
    socket.on("signal_updated", onUpdate);
    socket.on("signal_outcome", onOutcome);
    // A laptop that slept, or a clock the user changed, shows up when the tab comes back: measure again then.
    const onVisible = () => {
      if (document.visibilityState === "visible" && socket.connected) syncClock();
    };
    document.addEventListener("visibilitychange", onVisible);
    socket.connect();
    const resync = setInterval(syncClock, CLOCK_RESYNC_MS);

    return () => {
      clearInterval(resync);
      document.removeEventListener("visibilitychange", onVisible);
      reloading?.abort();
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      socket.off("signal_approved", receive);
      socket.off("signal_updated", onUpdate);
      socket.off("signal_outcome", onOutcome);
      socket.disconnect();
    };
  }, [store, leader]);
}
