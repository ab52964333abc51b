"use client";

import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { Countdown } from "./countdown";
import { useSignalDesk } from "./signal-desk-provider";
import type { DeskSignal } from "./signal-desk-store";
import { SignalFacts } from "./signal-facts";
import { useDecision } from "./use-decision";
import { useServerNow } from "./use-server-now";

const newestFirst = (a: DeskSignal, b: DeskSignal) => b.timestamp.localeCompare(a.timestamp);

/** Pending signals with countdowns and actions, then the history of decided and expired ones. */
export function SignalQueue() {
  const signals = useSignalDesk(useShallow((state) => Object.values(state.signals)));
  const now = useServerNow(1000);
  const { pending, history } = useMemo(() => {
    const isPending = (s: DeskSignal) => s.status === "approved" && Date.parse(s.expires_at) > now;
    return {
      pending: signals.filter(isPending).sort(newestFirst),
      history: signals.filter((s) => !isPending(s)).sort(newestFirst),
    };
  }, [signals, now]);

  return (
    <div className="queue-layout">
      <section aria-labelledby="pending-heading" className="card" data-testid="pending-queue">
        <h2 id="pending-heading">Pending signals ({pending.length})</h2>
        {pending.length === 0 ? (
          <p className="muted" data-testid="queue-empty">
            No pending signals. New ones appear here and as a toast the moment they are approved.
          </p>
        ) : (
          <ul className="signal-list">
            {pending.map((signal) => (
              <PendingSignal key={signal.signal_id} signal={signal} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading" className="card" data-testid="signal-history">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p className="muted">Taken, skipped and expired signals will be listed here.</p>
        ) : (
          <table className="history">
            <thead>
              <tr>
                <th>Time</th>
                <th>Symbol</th>
                <th>Pattern</th>
                <th>Grade</th>
                <th>Entry</th>
                <th>Stop</th>
                <th>Target</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {history.map((signal) => (
                <tr key={signal.signal_id} data-testid="history-row" data-signal-id={signal.signal_id}>
                  <td>{new Date(signal.timestamp).toLocaleTimeString()}</td>
                  <td>{signal.symbol}</td>
                  <td>{signal.pattern_type}</td>
                  <td>{signal.confidence_grade}</td>
                  <td>{signal.entry_price}</td>
                  <td>{signal.stop_loss}</td>
                  <td>{signal.target_price}</td>
                  <td>
                    <span className={`badge status-${signal.status === "approved" ? "expired" : signal.status}`}>
                      {signal.status === "approved" ? "expired" : signal.status}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function PendingSignal({ signal }: { signal: DeskSignal }) {
  const { decide, pending } = useDecision(signal.signal_id);
  return (
    <li className={`queue-item ${signal.direction}`} data-testid="pending-signal" data-signal-id={signal.signal_id}>
      <div className="queue-title">
        <strong>{signal.symbol}</strong> {signal.pattern_type} <span className="direction">{signal.direction}</span>{" "}
        <span className="grade">{signal.confidence_grade}</span>
        <Countdown expiresAt={signal.expires_at} />
      </div>
      <SignalFacts signal={signal} />
      <div className="actions">
        <button type="button" className="take" disabled={pending} onClick={() => void decide("take")}>
          Take
        </button>
        <button type="button" className="skip" disabled={pending} onClick={() => void decide("skip")}>
          Skip
        </button>
      </div>
    </li>
  );
}
