"use client";

import { Fragment, useEffect, useId, useMemo, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useSignalDesk } from "../desk/signal-desk-provider";
import type { DeskSignal } from "../desk/signal-desk-store";
import { useClockSynced, useServerNow } from "../desk/use-server-now";
import { clockTime } from "./clock-time";
import { Countdown } from "./countdown";
import { DecisionButtons } from "./decision-buttons";
import { gradeClass } from "./grade-class";
import { SignalDetails } from "./signal-details";
import { SignalFacts } from "./signal-facts";
import { MarketOutcomeBadge } from "./market-outcome-badge";
import { invalidationMessage } from "./outcome-text";
import { statusNow, type SignalStatusNow } from "./signal-status";
import { useDecision } from "./use-decision";
import { useFocusedSignalId } from "./use-focused-signal";

/** An expired signal stays in the pending list this long with its badge, so it does not vanish unexplained. */
const EXPIRED_LINGER_MS = 10_000;
/** A withdrawn (invalidated) signal stays this long after the bar that decided it, saying why. */
const INVALIDATED_LINGER_MS = 10_000;

const newestFirst = (a: DeskSignal, b: DeskSignal) => b.timestamp.localeCompare(a.timestamp);

/** Pending signals with countdowns and actions, then the history of decided and expired ones. */
export function SignalQueue() {
  const signals = useSignalDesk(useShallow((state) => Object.values(state.signals)));
  const listLoaded = useSignalDesk((state) => state.listLoaded);
  const synced = useClockSynced();
  const now = useServerNow(1000);
  const focusedId = useFocusedSignalId();
  const { pending, openCount, history } = useMemo(() => {
    const isPending = (signal: DeskSignal) => {
      const status = statusNow(signal, now, synced);
      if (status === "invalidated") return now - Date.parse(signal.outcome?.at ?? new Date(now).toISOString()) < INVALIDATED_LINGER_MS;
      return status === "open" || (status === "expired" && now - Date.parse(signal.expires_at) < EXPIRED_LINGER_MS);
    };
    const pendingList = signals.filter(isPending).sort(newestFirst);
    return {
      pending: pendingList,
      openCount: pendingList.filter((signal) => statusNow(signal, now, synced) === "open").length,
      history: signals.filter((signal) => !isPending(signal)).sort(newestFirst),
    };
  }, [signals, now, synced]);

  return (
    <div className="queue-layout">
      <section aria-labelledby="pending-heading" aria-busy={!listLoaded} className="card" data-testid="pending-queue">
        <h2 id="pending-heading">
          Pending signals{" "}
          <span className="count" data-testid="pending-count">
            {openCount}
          </span>
        </h2>
        {pending.length === 0 && !listLoaded ? (
          <p className="muted empty" data-testid="queue-loading">
            Loading your signals…
          </p>
        ) : pending.length === 0 ? (
          <p className="muted empty" data-testid="queue-empty">
            No pending signals. New ones appear here and as a toast the moment they are approved.
          </p>
        ) : (
          <ul className="signal-list">
            {pending.map((signal) => (
              <PendingSignal
                key={signal.signal_id}
                signal={signal}
                status={statusNow(signal, now, synced)}
                focused={signal.signal_id === focusedId}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading" className="card" data-testid="signal-history">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p className="muted empty" data-testid="history-empty">
            Taken, skipped, expired and withdrawn signals will be listed here, each with what the market did after it.
          </p>
        ) : (
          <div className="history-scroll">
            <table className="history">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Signal</th>
                  <th scope="col">Grade</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Stop</th>
                  <th scope="col">Target</th>
                  <th scope="col">Status</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">
                    <span className="sr-only">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((signal) => (
                  <HistoryRow key={signal.signal_id} signal={signal} status={statusNow(signal, now, synced)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function DetailsToggle({ open, controls, onToggle, label }: { open: boolean; controls: string; onToggle: () => void; label: string }) {
  return (
    <button
      type="button"
      className="link-button details-toggle"
      aria-expanded={open}
      aria-controls={controls}
      aria-label={label}
      onClick={onToggle}
    >
      {open ? "Hide chart" : "Chart"}
    </button>
  );
}

function PendingSignal({ signal, status, focused }: { signal: DeskSignal; status: SignalStatusNow; focused: boolean }) {
  const { decide, pending } = useDecision(signal.signal_id);
  const selected = useSignalDesk((state) => state.selectedId === signal.signal_id);
  const select = useSignalDesk((state) => state.select);
  const itemRef = useRef<HTMLLIElement>(null);
  // Opened from a push notification (`?signal=`): bring that signal into view, and make it the one T/S act on.
  useEffect(() => {
    if (!focused) return;
    itemRef.current?.scrollIntoView({ block: "center" });
    select(signal.signal_id);
  }, [focused, select, signal.signal_id]);
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const expired = status === "expired";
  const invalidated = status === "invalidated";
  return (
    <li
      className={`queue-item ${signal.direction} ${gradeClass(signal.confidence_grade)}${expired || invalidated ? " expired" : ""}`}
      ref={itemRef}
      data-testid="pending-signal"
      data-signal-id={signal.signal_id}
      data-focused={focused ? "true" : undefined}
      aria-current={focused ? "true" : undefined}
      data-status={status}
      data-selected={selected || undefined}
      // Focusable for J/K (keyboard-shortcuts.tsx).
      tabIndex={-1}
    >
      <div className="queue-title">
        <span className="direction-badge">
          <span aria-hidden="true">{signal.direction === "long" ? "▲" : "▼"}</span> {signal.direction}
        </span>
        <strong>{signal.symbol}</strong> {signal.pattern_type} <span className="timeframe">{signal.timeframe}</span>
        <span className="grade" title={`confidence score ${signal.confidence_score} of 100`}>
          {signal.confidence_grade} · {signal.confidence_score}
        </span>
        {expired || invalidated ? (
          <span className={`badge status-${status}`} data-testid="expired-badge">
            {status}
          </span>
        ) : (
          <Countdown expiresAt={signal.expires_at} />
        )}
      </div>
      <SignalFacts signal={signal} />
      {invalidated && (
        <p className="invalidated-note" data-testid="queue-invalidated">
          {invalidationMessage(signal)}
        </p>
      )}
      <div className="actions">
        <DecisionButtons
          label={`${signal.symbol} ${signal.pattern_type}`}
          disabled={expired || invalidated || pending}
          onDecide={(decision) => void decide(decision)}
        />
        <DetailsToggle
          open={open}
          controls={detailsId}
          onToggle={() => setOpen(!open)}
          label={`${open ? "Hide" : "Show"} chart of ${signal.symbol} ${signal.pattern_type}`}
        />
      </div>
      {open && <SignalDetails signal={signal} id={detailsId} />}
    </li>
  );
}

function HistoryRow({ signal, status }: { signal: DeskSignal; status: SignalStatusNow }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <Fragment>
      <tr data-testid="history-row" data-signal-id={signal.signal_id} data-status={status} className={signal.direction}>
        <td>
          <time dateTime={signal.timestamp}>{clockTime(signal.timestamp)}</time>
        </td>
        <td>
          <strong>{signal.symbol}</strong> {signal.pattern_type}{" "}
          <span className="direction" aria-label={signal.direction}>
            {signal.direction === "long" ? "▲" : "▼"}
          </span>
        </td>
        <td>{signal.confidence_grade}</td>
        <td>{signal.entry_price}</td>
        <td>{signal.stop_loss}</td>
        <td>{signal.target_price}</td>
        <td>
          <span className={`badge status-${status}`}>{status}</span>
        </td>
        <td>
          <MarketOutcomeBadge outcome={signal.outcome} />
        </td>
        <td>
          <DetailsToggle
            open={open}
            controls={detailsId}
            onToggle={() => setOpen(!open)}
            label={`${open ? "Hide" : "Show"} chart of ${signal.symbol} ${signal.pattern_type}`}
          />
        </td>
      </tr>
      {open && (
        <tr className="details-row">
          <td colSpan={9}>
            <SignalDetails signal={signal} id={detailsId} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
