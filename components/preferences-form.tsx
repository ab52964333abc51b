"use client";

import { type FormEvent, useRef, useState, useSyncExternalStore } from "react";
import type { z } from "zod";
import { type Preferences, PreferencesSchema } from "@/lib/preferences";
import {
  beep,
  notificationPermission,
  type NotificationPermissionState,
  requestNotificationPermission,
  unlockAudio,
} from "./signal-alerts";
import { useSignalDeskStore } from "./signal-desk-provider";
import { announcePreferences } from "./use-alert-preferences";

type Field = keyof Preferences;
type NumberField = "risk_percentage" | "min_confidence" | "min_r_multiple" | "max_leverage" | "ttl_seconds";
type Draft = Record<"equity" | NumberField | "watchlist", string> & { sound: boolean; desktop_notifications: boolean };
type Errors = Partial<Record<Field, string>>;

const NUMBER_FIELDS: readonly NumberField[] = ["risk_percentage", "min_confidence", "min_r_multiple", "max_leverage", "ttl_seconds"];
const FIELD_ORDER: readonly Field[] = [
  "equity",
  "risk_percentage",
  "min_confidence",
  "min_r_multiple",
  "max_leverage",
  "ttl_seconds",
  "watchlist",
  "sound",
  "desktop_notifications",
];

function toDraft(preferences: Preferences): Draft {
  return {
    equity: preferences.equity,
    risk_percentage: String(preferences.risk_percentage),
    min_confidence: String(preferences.min_confidence),
    min_r_multiple: String(preferences.min_r_multiple),
    max_leverage: String(preferences.max_leverage),
    ttl_seconds: String(preferences.ttl_seconds),
    watchlist: preferences.watchlist.join(", "),
    sound: preferences.sound,
    desktop_notifications: preferences.desktop_notifications,
  };
}

function symbolsOf(watchlist: string): string[] {
  return watchlist
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((symbol) => symbol.toUpperCase());
}

/** zod's generic wording in a trader's words; the schema's own messages ("must be at most 5 %") stay as written. */
function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.message.startsWith("Too small")) return `must be at least ${String(issue.minimum)}`;
  if (issue.code === "too_big" && issue.message.startsWith("Too big")) return `must be at most ${String(issue.maximum)}`;
  if (issue.code === "invalid_type" && issue.expected === "int") return "must be a whole number";
  return issue.message;
}

/** The draft through the API's own PreferencesSchema: the parsed body, or one message per field. */
function validate(draft: Draft): { ok: true; data: Preferences } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const numbers = {} as Record<NumberField, number>;
  for (const field of NUMBER_FIELDS) {
    const text = draft[field].trim();
    numbers[field] = text === "" ? Number.NaN : Number(text);
    if (!Number.isFinite(numbers[field])) errors[field] = text === "" ? "is required" : "must be a number";
  }
  const watchlist = symbolsOf(draft.watchlist);
  const parsed = PreferencesSchema.safeParse({
    equity: draft.equity.trim(),
    ...numbers,
    watchlist,
    sound: draft.sound,
    desktop_notifications: draft.desktop_notifications,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, data: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (!field || errors[field]) continue;
    const index = issue.path[1];
    errors[field] = field === "watchlist" && typeof index === "number" ? `"${watchlist[index]}" ${friendly(issue)}` : friendly(issue);
  }
  return { ok: false, errors };
}

/** The server's 400 issues (`path` such as "watchlist.2") as per-field messages. */
function serverErrors(issues: Array<{ path: string; message: string }>): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = issue.path.split(".")[0] as Field;
    if (FIELD_ORDER.includes(field)) errors[field] ??= issue.message;
  }
  return errors;
}

/** Follows the notification permission when it changes in the browser's site settings. */
function subscribeToPermission(onChange: () => void): () => void {
  let status: PermissionStatus | null = null;
  let closed = false;
  navigator.permissions
    ?.query({ name: "notifications" })
    .then((found) => {
      if (closed) return;
      status = found;
      status.addEventListener("change", onChange);
    })
    .catch(() => undefined);
  return () => {
    closed = true;
    status?.removeEventListener("change", onChange);
  };
}

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

/** The trader's settings, checked with the same schema the API uses before anything is sent. */
export function PreferencesForm({ initial }: { initial: Preferences }) {
  const store = useSignalDeskStore();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const browserPermission = useSyncExternalStore(subscribeToPermission, notificationPermission, () => "default" as const);
  const [asked, setAsked] = useState<NotificationPermissionState | null>(null);
  const permission = asked ?? browserPermission;
  const formRef = useRef<HTMLFormElement>(null);

  function update<K extends keyof Draft>(field: K, value: Draft[K]) {
    const next = { ...draft, [field]: value };
    setDraft(next);
    setSave({ kind: "idle" });
    // After a first attempt, errors follow the typing so a fixed field clears at once.
    if (submitted) {
      const result = validate(next);
      setErrors(result.ok ? {} : result.errors);
    }
  }

  function focusFirstError(found: Errors) {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    const result = validate(draft);
    if (!result.ok) {
      setErrors(result.errors);
      setSave({ kind: "failed", message: "Fix the highlighted fields; nothing was saved." });
      focusFirstError(result.errors);
      return;
    }
    setErrors({});
    setSave({ kind: "saving" });
    try {
      const response = await fetch("/api/me/preferences", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(result.data),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; issues?: Array<{ path: string; message: string }> };
      if (!response.ok) {
        const fieldErrors = serverErrors(body.issues ?? []);
        setErrors(fieldErrors);
        setSave({ kind: "failed", message: body.error ?? `Not saved (${response.status}).` });
        focusFirstError(fieldErrors);
        return;
      }
      const saved = PreferencesSchema.safeParse(body);
      const preferences = saved.success ? saved.data : result.data;
      setDraft(toDraft(preferences));
      setSave({ kind: "saved" });
      announcePreferences(store, { sound: preferences.sound, desktop_notifications: preferences.desktop_notifications });
    } catch {
      setSave({ kind: "failed", message: "Network error: nothing was saved." });
    }
  }

  async function askPermission() {
    setAsked(await requestNotificationPermission());
  }

  const fieldProps = (field: Field) => ({
    name: field,
    id: `pref-${field}`,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": `pref-${field}-hint${errors[field] ? ` pref-${field}-error` : ""}`,
  });
  const fieldError = (field: Field) =>
    errors[field] ? (
      <span className="field-error" id={`pref-${field}-error`} data-testid={`error-${field}`}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <form ref={formRef} className="card preferences-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Preferences">
      <fieldset>
        <legend>Position sizing</legend>
        <div className="field">
          <label htmlFor="pref-equity">Account equity ($)</label>
          <input
            {...fieldProps("equity")}
            inputMode="decimal"
            autoComplete="off"
            value={draft.equity}
            onChange={(e) => update("equity", e.target.value)}
          />
          <span className="hint" id="pref-equity-hint">
            The amount risk is measured against, e.g. 5000.00.
          </span>
          {fieldError("equity")}
        </div>
        <div className="field">
          <label htmlFor="pref-risk_percentage">Risk per trade (%)</label>
          <input
            {...fieldProps("risk_percentage")}
            type="number"
            step="0.1"
            min="0.1"
            max="5"
            value={draft.risk_percentage}
            onChange={(e) => update("risk_percentage", e.target.value)}
          />
          <span className="hint" id="pref-risk_percentage-hint">
            0.1 to 5 % of equity per signal; sets the share count.
          </span>
          {fieldError("risk_percentage")}
        </div>
      </fieldset>
      <fieldset>
        <legend>Which signals reach you</legend>
        <div className="field">
          <label htmlFor="pref-min_confidence">Minimum confidence</label>
          <input
            {...fieldProps("min_confidence")}
            type="number"
            step="1"
            min="0"
            max="100"
            value={draft.min_confidence}
            onChange={(e) => update("min_confidence", e.target.value)}
          />
          <span className="hint" id="pref-min_confidence-hint">
            0 to 100; 70 lets grades B and better through.
          </span>
          {fieldError("min_confidence")}
        </div>
        <div className="field">
          <label htmlFor="pref-min_r_multiple">Minimum reward : risk (R)</label>
          <input
            {...fieldProps("min_r_multiple")}
            type="number"
            step="0.1"
            min="0"
            max="20"
            value={draft.min_r_multiple}
            onChange={(e) => update("min_r_multiple", e.target.value)}
          />
          <span className="hint" id="pref-min_r_multiple-hint">
            0 to 20.
          </span>
          {fieldError("min_r_multiple")}
        </div>
        <div className="field">
          <label htmlFor="pref-max_leverage">Maximum leverage (×)</label>
          <input
            {...fieldProps("max_leverage")}
            type="number"
            step="0.5"
            min="1"
            max="10"
            value={draft.max_leverage}
            onChange={(e) => update("max_leverage", e.target.value)}
          />
          <span className="hint" id="pref-max_leverage-hint">
            1 to 10; a position never costs more than equity × this (4 by default).
          </span>
          {fieldError("max_leverage")}
        </div>
        <div className="field">
          <label htmlFor="pref-ttl_seconds">Time to act (seconds)</label>
          <input
            {...fieldProps("ttl_seconds")}
            type="number"
            step="1"
            min="30"
            max="3600"
            value={draft.ttl_seconds}
            onChange={(e) => update("ttl_seconds", e.target.value)}
          />
          <span className="hint" id="pref-ttl_seconds-hint">
            30 to 3600; a signal expires this long after approval.
          </span>
          {fieldError("ttl_seconds")}
        </div>
        <div className="field">
          <label htmlFor="pref-watchlist">Watchlist</label>
          <input
            {...fieldProps("watchlist")}
            autoComplete="off"
            spellCheck={false}
            value={draft.watchlist}
            onChange={(e) => update("watchlist", e.target.value)}
          />
          <span className="hint" id="pref-watchlist-hint">
            Tickers separated by commas; empty means every symbol.
          </span>
          {fieldError("watchlist")}
        </div>
      </fieldset>
      <fieldset>
        <legend>Alerts while the desk is in the background</legend>
        <div className="field checkbox">
          <label>
            <input
              {...fieldProps("sound")}
              type="checkbox"
              checked={draft.sound}
              onChange={(e) => {
                unlockAudio();
                update("sound", e.target.checked);
              }}
            />
            Play a sound
          </label>
          <span className="hint" id="pref-sound-hint">
            <button type="button" className="link-button" onClick={() => beep("long")}>
              Test sound
            </button>
          </span>
          {fieldError("sound")}
        </div>
        <div className="field checkbox">
          <label>
            <input
              {...fieldProps("desktop_notifications")}
              type="checkbox"
              checked={draft.desktop_notifications}
              onChange={(e) => update("desktop_notifications", e.target.checked)}
            />
            Show a desktop notification
          </label>
          <span className="hint" id="pref-desktop_notifications-hint" data-testid="notification-permission">
            {permission === "granted" && "This browser allows notifications from Signal Desk."}
            {permission === "denied" &&
              "This browser blocks notifications from Signal Desk; allow them in the site settings (the icon left of the address)."}
            {permission === "unsupported" && "This browser cannot show desktop notifications."}
            {permission === "default" && (
              <>
                This browser has not been asked yet.{" "}
                <button type="button" className="link-button" onClick={() => void askPermission()}>
                  Allow desktop notifications
                </button>
              </>
            )}
          </span>
          {fieldError("desktop_notifications")}
        </div>
        <p className="muted small">Only one open tab alerts, and only while no tab of the desk is visible.</p>
      </fieldset>
      <div className="form-footer">
        <button type="submit" className="primary" disabled={save.kind === "saving"}>
          {save.kind === "saving" ? "Saving…" : "Save preferences"}
        </button>
        <span role="status" data-testid="save-status" className={save.kind === "failed" ? "error" : "muted"}>
          {save.kind === "saved" && "Saved."}
          {save.kind === "failed" && save.message}
        </span>
      </div>
    </form>
  );
}
