"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiError } from "@/lib/api-client";

function errorOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Network error: the server could not be reached.";
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
      await api.admin.setUser(userId, { disabled: !disabled });
      router.refresh();
    } catch (error) {
      setMessage({ text: errorOf(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const sendTest = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await api.admin.sendTestSignal({ user_id: userId, ...(symbol.trim() ? { symbol: symbol.trim().toUpperCase() } : {}) });
      const signal = answer.signals[0];
      if (!signal) setMessage({ text: "No signal was created (the user did not match).", error: true });
      else if (signal.status === "approved") setMessage({ text: "Test signal approved", signalId: signal.signal_id });
      else
        setMessage({
          text: `Test signal rejected: ${signal.rejection_reason ?? "unknown reason"}`,
          signalId: signal.signal_id,
          error: true,
        });
    } catch (error) {
      setMessage({ text: errorOf(error), error: true });
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
