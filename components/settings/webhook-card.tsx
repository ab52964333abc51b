"use client";

import { useState } from "react";
import { api, ApiError } from "@/lib/api-client";
import { WEBHOOK_MODES, type WebhookMode } from "@/lib/preferences";

const MODE_LABELS: Record<WebhookMode, string> = {
  when_unacked: "When no tab acknowledges the signal",
  always: "Every approved signal, at approval",
  off: "Off",
};

type Status = { kind: "idle" } | { kind: "busy" } | { kind: "ok"; text: string } | { kind: "error"; text: string };

/**
 * The trader's webhook: URL and mode, a test button, and the signing secret. The secret is shown once, right
 * after the server made it (first URL, or a rotation); afterwards only that one exists.
 */
export function WebhookCard({ initial }: { initial: { url: string | null; mode: WebhookMode; hasSecret: boolean } }) {
  const [url, setUrl] = useState(initial.url ?? "");
  const [mode, setMode] = useState<WebhookMode>(initial.url ? initial.mode : "when_unacked");
  const [hasSecret, setHasSecret] = useState(initial.hasSecret);
  const [shownSecret, setShownSecret] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  /** Runs one action with the buttons disabled; a network failure is said, never left as "busy". */
  async function act(action: () => Promise<Status>) {
    setStatus({ kind: "busy" });
    try {
      setStatus(await action());
    } catch (error) {
      setStatus({
        kind: "error",
        text: error instanceof ApiError ? error.detail : "Network error: the server could not be reached. Try again.",
      });
    }
  }

  async function save(): Promise<Status> {
    // Only the webhook's two fields: the preferences form's settings are not read back and written again.
    await api.preferences.patch({ webhook_url: url.trim() === "" ? null : url.trim(), webhook_mode: mode });
    const webhook = await api.webhook.get();
    if (webhook.secret && !hasSecret) setShownSecret(webhook.secret);
    setHasSecret(Boolean(webhook.secret));
    return { kind: "ok", text: "Webhook saved." };
  }

  async function rotate(): Promise<Status> {
    setShownSecret((await api.webhook.rotate()).secret);
    setHasSecret(true);
    return { kind: "ok", text: "New secret made; the old one no longer verifies." };
  }

  async function test(): Promise<Status> {
    const answer = await api.webhook.test();
    return answer.delivered
      ? { kind: "ok", text: `Your webhook answered ${answer.status}.` }
      : { kind: "error", text: `Not delivered: ${answer.error ?? `HTTP ${answer.status}`}` };
  }

  const busy = status.kind === "busy";
  return (
    <form
      className="card"
      aria-labelledby="webhook-heading"
      data-testid="webhook-settings"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void act(save);
      }}
    >
      <h2 id="webhook-heading">Webhook</h2>
      <p className="muted small">
        Signed POSTs to your own tools (a bot, a broker bridge). Each request is signed: check its X-Signal-Desk-Signature with the secret
        below.
      </p>
      <div className="field">
        <label htmlFor="webhook-url">Webhook URL</label>
        <input
          id="webhook-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://bot.example.com/signals"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="webhook-mode">Send</label>
        <select id="webhook-mode" value={mode} onChange={(e) => setMode(e.target.value as WebhookMode)}>
          {WEBHOOK_MODES.map((value) => (
            <option key={value} value={value}>
              {MODE_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {shownSecret && (
        <div className="field" data-testid="webhook-secret">
          <label htmlFor="webhook-secret-value">Signing secret (shown once: copy it now)</label>
          <input id="webhook-secret-value" readOnly className="mono" value={shownSecret} onFocus={(e) => e.target.select()} />
        </div>
      )}
      {!shownSecret && hasSecret && <p className="muted small">A signing secret is set. Rotate it if it may have leaked.</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          Save webhook
        </button>
        <button type="button" disabled={busy || !hasSecret} onClick={() => void act(test)}>
          Send a test
        </button>
        <button type="button" disabled={busy || !hasSecret} onClick={() => void act(rotate)}>
          Rotate secret
        </button>
      </div>
      {(status.kind === "ok" || status.kind === "error") && (
        <p className={status.kind === "error" ? "field-error" : "muted small"} role="status" data-testid="webhook-status">
          {status.text}
        </p>
      )}
    </form>
  );
}
