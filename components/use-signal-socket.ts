"use client";

import { useEffect } from "react";
import { createSignalReceiver } from "@/lib/signal-receiver";
import type { SignalNotification } from "@/lib/signal-notification";
import { getSocket } from "@/lib/socket-client";
import type { DeskSignal, SignalDeskStore } from "./signal-desk-store";
import { showSignalToast } from "./signal-toast";

/** Connects the page's socket, feeds the store, and removes every listener on cleanup. */
export function useSignalSocket(store: SignalDeskStore): void {
  useEffect(() => {
    const socket = getSocket();
    const state = () => store.getState();
    const receive = createSignalReceiver({ add: (signal) => state().receive(signal) }, (signal: SignalNotification) =>
      showSignalToast(store, signal.signal_id),
    );

    const syncClock = () => {
      const sentAt = Date.now();
      socket.timeout(5000).emit("time_sync", (error: Error | null, reply: { server_time: string }) => {
        if (error) return;
        const receivedAt = Date.now();
        state().setClockOffset(Date.parse(reply.server_time) - (sentAt + receivedAt) / 2);
      });
    };
    const reload = async () => {
      const response = await fetch("/api/signals", { cache: "no-store" });
      if (!response.ok) return;
      const body = (await response.json()) as { signals: DeskSignal[] };
      // A pending signal seen first here (acked earlier by another tab) still deserves its toast.
      for (const signalId of state().load(body.signals)) showSignalToast(store, signalId);
    };
    const onConnect = () => {
      state().setConnection("connected");
      syncClock();
      void reload();
    };
    const onDisconnect = (reason: string) => {
      // The server closing us means the session ended (sign-out elsewhere, or an admin disabled the user).
      if (reason === "io server disconnect") window.location.assign("/login");
      state().setConnection(reason === "io client disconnect" ? "offline" : "reconnecting");
    };
    const onConnectError = (error: Error) => {
      if (error.message === "unauthorized") window.location.assign("/login");
      else state().setConnection("reconnecting");
    };
    const onUpdate = (update: { signal_id: string; status: DeskSignal["status"]; decided_at?: string }) =>
      state().setStatus(update.signal_id, update.status, update.decided_at);

    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    socket.on("signal_approved", receive);
    socket.on("signal_updated", onUpdate);
    socket.connect();
    const resync = setInterval(syncClock, 60_000);

    return () => {
      clearInterval(resync);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      socket.off("signal_approved", receive);
      socket.off("signal_updated", onUpdate);
      socket.disconnect();
    };
  }, [store]);
}
