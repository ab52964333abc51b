"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

interface IngestBody {
  pattern_id: string;
  signals: Array<{ signal_id: string; user_id: string; status: string; rejection_reason?: string }>;
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  return body.error ?? `Request failed (${response.status})`;
}

/** Disable / enable one user, and send them a test signal through the real pipeline. */
export function UserActions({ userId, email, disabled, isSelf }: { userId: string; email: string; disabled: boolean; isSelf: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; signalId?: string; error?: boolean } | null>(null);
  const [symbol, setSymbol] = useState("");

  const toggle = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/admin/users/${userId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ disabled: !disabled }),
      });
      if (!response.ok) setMessage({ text: await errorOf(response), error: true });
      else router.refresh();
    } finally {
      setBusy(false);
    }
  };

  const sendTest = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch("/api/admin/test-signal", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: userId, ...(symbol.trim() ? { symbol: symbol.trim().toUpperCase() } : {}) }),
      });
      if (!response.ok) return setMessage({ text: await errorOf(response), error: true });
      const signal = ((await response.json()) as IngestBody).signals[0];
      if (!signal) setMessage({ text: "No signal was created (the user did not match).", error: true });
      else if (signal.status === "approved") setMessage({ text: "Test signal approved", signalId: signal.signal_id });
      else
        setMessage({
          text: `Test signal rejected: ${signal.rejection_reason ?? "unknown reason"}`,
          signalId: signal.signal_id,
          error: true,
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="user-actions">
      <button
        type="button"
        onClick={() => void toggle()}
        disabled={busy || (isSelf && !disabled)}
        title={isSelf && !disabled ? "You cannot disable your own account" : undefined}
        aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}
      >
        {disabled ? "Enable" : "Disable"}
      </button>
      <input
        value={symbol}
        onChange={(event) => setSymbol(event.target.value)}
        placeholder="TEST"
        size={7}
        aria-label={`Test signal symbol for ${email}`}
        title="Symbol of the test signal (default TEST)"
      />
      <button type="button" onClick={() => void sendTest()} disabled={busy || disabled} aria-label={`Send test signal to ${email}`}>
        Send test signal
      </button>
      <span role="status" className={message?.error ? "error" : "muted"} data-testid="user-action-result">
        {message?.text}
        {message?.signalId && (
          <>
            {" "}
            <Link href={`/admin/signals/${message.signalId}`}>timeline</Link>
          </>
        )}
      </span>
    </div>
  );
}
