"use client";

import { useState } from "react";
import { WEBHOOK_MODES, type WebhookMode } from "@/lib/preferences";

const MODE_LABELS: Record<WebhookMode, string> = {
  when_unacked: "When no tab acknowledges the signal",
  always: "Every approved signal, at approval",
  off: "Off",
};

type Status = { kind: "idle" } | { kind: "busy" } | { kind: "ok"; text: string } | { kind: "error"; text: string };

interface WebhookAnswer {
  url: string | null;
  mode: WebhookMode;
  secret: string | null;
}

async function errorText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; issues?: { message: string }[] };
  return [body.error, body.issues?.[0]?.message].filter(Boolean).join(": ") || `failed (${response.status})`;
}

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
    } catch {
      setStatus({ kind: "error", text: "Network error: the server could not be reached. Try again." });
    }
  }

  async function save(): Promise<Status> {
    const currentResponse = await fetch("/api/me/preferences");
    if (!currentResponse.ok) return { kind: "error", text: await errorText(currentResponse) };
    const current = (await currentResponse.json()) as Record<string, unknown>;
    const response = await fetch("/api/me/preferences", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...current, webhook_url: url.trim() === "" ? null : url.trim(), webhook_mode: mode }),
    });
    if (!response.ok) return { kind: "error", text: await errorText(response) };
    const webhook = (await (await fetch("/api/me/webhook")).json()) as WebhookAnswer;
    if (webhook.secret && !hasSecret) setShownSecret(webhook.secret);
    setHasSecret(Boolean(webhook.secret));
    return { kind: "ok", text: "Webhook saved." };
  }

  async function rotate(): Promise<Status> {
    const response = await fetch("/api/me/webhook/rotate", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    if (!response.ok) return { kind: "error", text: await errorText(response) };
    setShownSecret(((await response.json()) as WebhookAnswer).secret);
    setHasSecret(true);
    return { kind: "ok", text: "New secret made; the old one no longer verifies." };
  }

  async function test(): Promise<Status> {
    const response = await fetch("/api/me/webhook/test", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    if (!response.ok) return { kind: "error", text: await errorText(response) };
    const answer = (await response.json()) as { status: number | null; delivered: boolean; error: string | null };
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
      <p className="muted small">Signed POSTs to your own tools (a bot, a broker bridge). The README shows how to verify them.</p>
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
