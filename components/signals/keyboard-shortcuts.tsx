"use client";

import { useEffect, useRef, useState } from "react";
import toast, { useToasterStore } from "react-hot-toast";
import { useDeskStore } from "../desk/signal-desk-provider";
import { ShortcutHelp } from "./shortcut-help";
import { moveSelection, shortcutTarget } from "./shortcut-target";
import { toastStackOrder } from "./toast-stack-order";
import { decideSignal } from "./use-decision";

/** Keys typed into a form field belong to the field, never to the desk. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable], [role='textbox']") !== null;
}

/** The signal whose toast or queue item holds the focus, if any. */
function focusedSignalId(): string | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return null;
  return active.closest<HTMLElement>("[data-signal-id]")?.dataset.signalId ?? null;
}

/** Moves focus to a signal the trader chose with J/K: its queue item on the dashboard, else its toast. */
function focusSignal(signalId: string): void {
  const element =
    document.querySelector<HTMLElement>(`[data-testid="pending-signal"][data-signal-id="${signalId}"]`) ??
    document.querySelector<HTMLElement>(`[data-testid="signal-toast"][data-signal-id="${signalId}"]`);
  element?.focus();
  element?.scrollIntoView({ block: "nearest" });
}

/**
 * The desk's shortcuts (see shortcut-list.ts) on every signed-in page, and the "?" button that shows them.
 * Nothing moves focus unless the trader pressed J or K, so a toast arriving never steals it.
 */
export function KeyboardShortcuts() {
  const store = useDeskStore();
  const [helpOpen, setHelpOpen] = useState(false);
  const { toasts } = useToasterStore();
  const visibleToasts = useRef(toasts);
  useEffect(() => {
    visibleToasts.current = toasts.filter((item) => item.visible);
  }, [toasts]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      // The help dialog is modal: it closes itself on Esc and "?" toggles it.
      if (event.key === "?") {
        event.preventDefault();
        setHelpOpen((open) => !open);
        return;
      }
      if (document.querySelector("dialog[open]")) return;
      const state = store.getState();
      const serverNow = Date.now() + state.clockOffsetMs;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (key === "t" || key === "s") {
        const target = shortcutTarget(state, serverNow, focusedSignalId());
        if (!target) return;
        event.preventDefault();
        void decideSignal(store, target, key === "t" ? "take" : "skip");
      } else if (key === "j" || key === "k") {
        const next = moveSelection(state, serverNow, focusedSignalId(), key === "j" ? 1 : -1);
        if (!next) return;
        event.preventDefault();
        state.select(next);
        focusSignal(next);
      } else if (key === "Escape") {
        const focused = document.activeElement?.closest<HTMLElement>('[data-testid="signal-toast"]')?.dataset.signalId;
        const top = toastStackOrder(visibleToasts.current, state.signals)[0]?.id;
        const id = focused ?? top;
        if (!id) return;
        toast.dismiss(id);
        // A second Esc before React re-renders must reach the next toast, not this one again.
        visibleToasts.current = visibleToasts.current.filter((item) => item.id !== id);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store]);

  return (
    <>
      <button
        type="button"
        className="shortcut-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        onClick={() => setHelpOpen(true)}
      >
        ?
      </button>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
