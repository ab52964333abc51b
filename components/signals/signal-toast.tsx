"use client";

import { useEffect, useId } from "react";
import toast from "react-hot-toast";
import { useSignalDesk } from "../desk/signal-desk-provider";
import type { DeskSignal, SignalDeskStore } from "../desk/signal-desk-store";
import { useClockSynced, useServerNow } from "../desk/use-server-now";
import { Countdown } from "./countdown";
import { DecisionButtons } from "./decision-buttons";
import { gradeClass } from "./grade-class";
import { SignalFacts } from "./signal-facts";
import { invalidationMessage } from "./outcome-text";
import { statusNow, type SignalStatusNow } from "./signal-status";
import { useDecision } from "./use-decision";

/** A decided toast shows its status this long, then goes. */
const LINGER_AFTER_DECISION_MS = 3000;
/** An expired toast stays to say so (the trader may have been away), then goes; the queue's history keeps it. */
const LINGER_AFTER_EXPIRY_MS = 60_000;
/** A toast the market withdrew says why for a short while, then goes; the queue's history keeps it. */
const LINGER_AFTER_INVALIDATION_MS = 10_000;

/** Opens the toast of a new signal; keyed by signal_id, so a repeat updates the one toast instead of adding one. */
export function showSignalToast(store: SignalDeskStore, signalId: string): void {
  if (!store.getState().signals[signalId]) return;
  toast.custom((t) => <SignalToast signalId={signalId} toastId={t.id} />, { id: signalId, duration: Infinity });
}

/** What the toast's live region says: the news when it arrives, and that it expired. */
function announcement(signal: DeskSignal, status: SignalStatusNow): string {
  const name = `${signal.symbol} ${signal.pattern_type}`;
  if (status === "expired") return `${name} signal expired.`;
  if (status === "invalidated") return `${name}: ${invalidationMessage(signal)}.`;
  // A decision is confirmed once, by DecisionNotice in the tab that made it; saying it here too would repeat it.
  if (status !== "open") return "";
  return `New ${signal.direction} signal: ${name}, grade ${signal.confidence_grade}, score ${signal.confidence_score}. Entry ${signal.entry_price}, stop ${signal.stop_loss}, target ${signal.target_price}, ${signal.r_multiple.toFixed(2)} R.`;
}

function SignalToast({ signalId, toastId }: { signalId: string; toastId: string }) {
  const signal = useSignalDesk((state) => state.signals[signalId]);
  const now = useServerNow();
  const synced = useClockSynced();
  const { decide, pending } = useDecision(signalId);
  const titleId = useId();
  const status = statusNow(signal, now, synced);
  const done = status !== "open";

  useEffect(() => {
    if (!done) return;
    const linger =
      status === "expired" ? LINGER_AFTER_EXPIRY_MS : status === "invalidated" ? LINGER_AFTER_INVALIDATION_MS : LINGER_AFTER_DECISION_MS;
    const timer = setTimeout(() => toast.dismiss(toastId), linger);
    return () => clearTimeout(timer);
  }, [done, status, toastId]);
  if (!signal) return null;

  return (
    <article
      className={`signal-toast ${gradeClass(signal.confidence_grade)} ${signal.direction}${done ? ` done ${status}` : ""}`}
      data-testid="signal-toast"
      data-signal-id={signalId}
      data-status={status}
      aria-labelledby={titleId}
      // Focusable for J/K (keyboard-shortcuts.tsx), never focused on arrival.
      tabIndex={-1}
    >
      <p role="alert" className="sr-only">
        {announcement(signal, status)}
      </p>
      <header>
        <span className="direction-badge" data-testid="direction">
          <span aria-hidden="true">{signal.direction === "long" ? "▲" : "▼"}</span> {signal.direction}
        </span>
        <h2 id={titleId} className="toast-title">
          <span data-testid="symbol">{signal.symbol}</span> <span data-testid="pattern">{signal.pattern_type}</span>
        </h2>
        <span className="timeframe">{signal.timeframe}</span>
        {signal.is_test && <span className="badge">test</span>}
        <span className="grade" data-testid="grade" title={`confidence score ${signal.confidence_score} of 100`}>
          {signal.confidence_grade} · {signal.confidence_score}
        </span>
      </header>
      <SignalFacts signal={signal} />
      {status === "invalidated" && (
        <p className="invalidated-note" data-testid="toast-invalidated">
          {invalidationMessage(signal)}
        </p>
      )}
      <footer>
        {done ? (
          <span className={`badge status-${status}`} data-testid="toast-status">
            {status}
          </span>
        ) : (
          <Countdown expiresAt={signal.expires_at} />
        )}
        <DecisionButtons
          label={`${signal.symbol} ${signal.pattern_type}`}
          disabled={done || pending}
          onDecide={(decision) => void decide(decision)}
        />
        {/* On a phone an open toast can be put away too (CSS shows it there); the signal stays in the queue. */}
        <button
          type="button"
          className="dismiss"
          aria-label={`Dismiss ${signal.symbol} ${signal.pattern_type}`}
          title="Dismiss (Esc)"
          onClick={() => toast.dismiss(toastId)}
        >
          ×
        </button>
      </footer>
    </article>
  );
}
