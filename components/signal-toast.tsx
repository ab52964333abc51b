"use client";

import { useEffect } from "react";
import toast from "react-hot-toast";
import { Countdown } from "./countdown";
import { useSignalDesk } from "./signal-desk-provider";
import type { SignalDeskStore } from "./signal-desk-store";
import { SignalFacts } from "./signal-facts";
import { useDecision } from "./use-decision";
import { useServerNow } from "./use-server-now";

const LINGER_AFTER_DONE_MS = 8000;

/** Opens the toast of a new signal; it stays until the signal is decided or expired. */
export function showSignalToast(store: SignalDeskStore, signalId: string): void {
  if (!store.getState().signals[signalId]) return;
  toast.custom((t) => <SignalToast signalId={signalId} toastId={t.id} />, { id: signalId, duration: Infinity });
}

function SignalToast({ signalId, toastId }: { signalId: string; toastId: string }) {
  const signal = useSignalDesk((state) => state.signals[signalId]);
  const serverNow = useServerNow();
  const { decide, pending } = useDecision(signalId);
  const expired = signal !== undefined && (signal.status === "expired" || Date.parse(signal.expires_at) <= serverNow);
  const done = signal === undefined || signal.status !== "approved" || expired;
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => toast.dismiss(toastId), LINGER_AFTER_DONE_MS);
    return () => clearTimeout(timer);
  }, [done, toastId]);
  if (!signal) return null;

  return (
    <article
      className={`signal-toast grade-${signal.confidence_grade === "A+" ? "aplus" : signal.confidence_grade.toLowerCase()} ${signal.direction}`}
      data-testid="signal-toast"
      data-signal-id={signalId}
      aria-label={`${signal.symbol} ${signal.pattern_type} signal`}
    >
      <p role="alert" className="sr-only">
        New {signal.direction} signal: {signal.symbol} {signal.pattern_type}, grade {signal.confidence_grade}
      </p>
      <header>
        <strong data-testid="symbol">{signal.symbol}</strong>
        <span data-testid="pattern">{signal.pattern_type}</span>
        <span className="direction" data-testid="direction">
          {signal.direction}
        </span>
        <span className="grade" data-testid="grade" title={`confidence ${signal.confidence_score}`}>
          {signal.confidence_grade} · {signal.confidence_score.toFixed(1)}
        </span>
        {signal.is_test && <span className="badge">test</span>}
      </header>
      <SignalFacts signal={signal} />
      <footer>
        {signal.status === "approved" && !expired ? (
          <Countdown expiresAt={signal.expires_at} />
        ) : (
          <span className="status" data-testid="toast-status">
            {expired && signal.status === "approved" ? "expired" : signal.status}
          </span>
        )}
        <button type="button" className="take" disabled={done || pending} onClick={() => void decide("take")}>
          Take
        </button>
        <button type="button" className="skip" disabled={done || pending} onClick={() => void decide("skip")}>
          Skip
        </button>
      </footer>
    </article>
  );
}
