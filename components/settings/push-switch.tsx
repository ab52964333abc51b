"use client";

import { ApiError } from "@/lib/api-client";
import { useEffect, useState } from "react";
import { disablePush, enablePush, type PushState, readPushState, sendTestPush } from "./web-push-browser";

const HINTS: Record<PushState, string> = {
  unsupported: "This browser cannot receive push notifications.",
  denied: "This browser blocks notifications from Signal Desk; allow them in the site settings, then switch this on.",
  on: "On: when no tab of the desk acknowledges a signal, this browser shows it as a notification.",
  off: "Off: signals reach you only while a tab of the desk is open.",
};

/** "Notify me when the desk is closed": subscribes this browser to Web Push, and says plainly what state it is in. */
export function PushSwitch({ initialPush }: { initialPush: boolean }) {
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void readPushState(initialPush).then((found) => live && setState(found));
    return () => {
      live = false;
    };
  }, [initialPush]);

  async function toggle(on: boolean) {
    setBusy(true);
    setMessage(null);
    try {
      setState(on ? await enablePush() : await disablePush());
    } catch (error) {
      setMessage(
        `Could not change it: ${error instanceof ApiError ? error.detail : error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setBusy(true);
    setMessage(await sendTestPush().catch(() => "Network error: no test was sent."));
    setBusy(false);
  }

  const shown = state ?? "off";
  return (
    <section className="card" aria-labelledby="push-heading" data-testid="push-settings" data-state={state ?? "checking"}>
      <h2 id="push-heading">Away from the desk</h2>
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            role="switch"
            checked={shown === "on"}
            disabled={busy || state === null || shown === "unsupported" || shown === "denied"}
            aria-describedby="push-hint"
            onChange={(event) => void toggle(event.target.checked)}
          />
          Notify me when the desk is closed
        </label>
        <span className="hint" id="push-hint" data-testid="push-state">
          {state === null ? "Checking this browser…" : HINTS[shown]}
        </span>
      </div>
      {shown === "on" && (
        <button type="button" className="link-button" disabled={busy} onClick={() => void test()}>
          Send a test notification
        </button>
      )}
      {message && (
        <p className="muted small" role="status" data-testid="push-message">
          {message}
        </p>
      )}
    </section>
  );
}
