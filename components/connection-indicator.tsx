"use client";

import { useSignalDesk } from "./signal-desk-provider";
import { useServerNow } from "./use-server-now";

const WARN_AFTER_MS = 5000;

/** connected / reconnecting / offline, and a warning once the link has been down for a few seconds. */
export function ConnectionIndicator() {
  const connection = useSignalDesk((state) => state.connection);
  const downSince = useSignalDesk((state) => state.downSince);
  const offset = useSignalDesk((state) => state.clockOffsetMs);
  const now = useServerNow(1000) - offset;
  const warn = downSince !== null && now - downSince > WARN_AFTER_MS;
  return (
    <div className="connection" aria-live="polite">
      <span className={`dot ${connection}`} aria-hidden="true" />
      <span data-testid="connection-status">{connection}</span>
      {warn && (
        <span role="alert" className="warning" data-testid="connection-warning">
          Connection lost: you may be missing signals.
        </span>
      )}
    </div>
  );
}
