"use client";

import { useEffect, useState } from "react";
import { useSignalDesk } from "../desk/signal-desk-provider";

/** How long the link may be down before the trader is warned: long enough to ride out a quick reconnect. */
const WARN_AFTER_MS = 4000;

const LABELS = { connecting: "connecting", connected: "connected", reconnecting: "reconnecting", offline: "offline" } as const;

/** connected / reconnecting / offline, and a warning once the link has been down for a few seconds. */
export function ConnectionIndicator() {
  const connection = useSignalDesk((state) => state.connection);
  const downSince = useSignalDesk((state) => state.downSince);
  const alertLeader = useSignalDesk((state) => state.alertLeader);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (downSince === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [downSince]);
  // Both times come from this browser's clock, so no server offset is involved.
  const warn = downSince !== null && now - downSince >= WARN_AFTER_MS;
  return (
    <div
      className="connection"
      data-alert-leader={alertLeader}
      title={alertLeader ? "This tab sounds and notifies for the desk while it is in the background" : undefined}
    >
      <span className={`dot ${connection}`} aria-hidden="true" />
      <span data-testid="connection-status" aria-live="polite">
        {LABELS[connection]}
      </span>
      {warn && (
        <span role="alert" className="warning" data-testid="connection-warning">
          Connection lost: you may be missing signals.
        </span>
      )}
    </div>
  );
}
