"use client";

import { Fragment, useEffect } from "react";
import toast, { resolveValue, useToaster } from "react-hot-toast";
import { useSignalDesk, useSignalDeskStore } from "../desk/signal-desk-provider";
import { showSignalToast } from "./signal-toast";
import { MAX_SHOWN_TOASTS, toastStackOrder } from "./toast-stack-order";

/**
 * The toast layer: listens to the store for arrivals (announced by the socket hook) and opens one toast
 * per signal, and draws the page's one toast stack. Mount it once, inside the SignalDeskProvider.
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
  return <ToastStack />;
}

/**
 * react-hot-toast keeps the toasts; this draws them (its headless mode): newest approval on top, at most
 * MAX_SHOWN_TOASTS, in a column right below the sticky header that scrolls when a phone is too short for it,
 * so every button of every toast shown can be reached.
 */
function ToastStack() {
  // useToaster also removes dismissed toasts from react-hot-toast's store once they are gone.
  const { toasts } = useToaster();
  const signals = useSignalDesk((state) => state.signals);
  const ordered = toastStackOrder(toasts, signals);
  const steppingBack = ordered
    .slice(MAX_SHOWN_TOASTS)
    .map((item) => item.id)
    .join(" ");
  useEffect(() => {
    // Put away like Esc would: the signals stay in the queue.
    for (const id of steppingBack.split(" ").filter(Boolean)) toast.dismiss(id);
  }, [steppingBack]);
  return (
    <div className="toast-stack">
      {ordered.slice(0, MAX_SHOWN_TOASTS).map((item) => (
        <Fragment key={item.id}>{resolveValue(item.message, item)}</Fragment>
      ))}
    </div>
  );
}
