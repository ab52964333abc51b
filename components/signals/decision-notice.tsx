"use client";

import { useSignalDesk } from "../desk/signal-desk-provider";

/**
 * Confirms each decision made in this tab in words for screen readers (the toast and history show the
 * badge); keyed by `seq` so the same words twice are read twice.
 */
export function DecisionNotice() {
  const notice = useSignalDesk((state) => state.notice);
  return (
    <p role="status" className="sr-only" data-testid="decision-notice">
      {notice && <span key={notice.seq}>{notice.text}</span>}
    </p>
  );
}
