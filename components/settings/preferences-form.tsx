"use client";

import { type FormEvent, useRef, useState } from "react";
import { api, ApiError } from "@/lib/api-client";
import type { Preferences } from "@/lib/preferences";
import { useSignalDeskStore } from "../desk/signal-desk-provider";
import { announcePreferences } from "../desk/use-alert-preferences";
import { AlertFields } from "./alert-fields";
import type { FieldHelpers } from "./field-helpers";
import { changedFields, type Draft, type Errors, FIELD_ORDER, serverErrors, toDraft, validate } from "./preferences-draft";

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "failed"; message: string };

/** The trader's settings, checked with the same schema the API uses before anything is sent. */
export function PreferencesForm({ initial }: { initial: Preferences }) {
  const store = useSignalDeskStore();
  const [stored, setStored] = useState<Preferences>(initial);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
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
    const changes = changedFields(stored, result.data);
    if (Object.keys(changes).length === 0) return setSave({ kind: "saved" });
    setSave({ kind: "saving" });
    try {
      const preferences = await api.preferences.patch(changes);
      setStored(preferences);
      setDraft(toDraft(preferences));
      setSave({ kind: "saved" });
      announcePreferences(store, { sound: preferences.sound, desktop_notifications: preferences.desktop_notifications });
    } catch (error) {
      if (!(error instanceof ApiError)) return setSave({ kind: "failed", message: "Network error: nothing was saved." });
      const fieldErrors = serverErrors(error.issues);
      setErrors(fieldErrors);
      setSave({ kind: "failed", message: error.message });
      focusFirstError(fieldErrors);
    }
  }

  const fieldProps: FieldHelpers["fieldProps"] = (field) => ({
    name: field,
    id: `pref-${field}`,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": `pref-${field}-hint${errors[field] ? ` pref-${field}-error` : ""}`,
  });
  const fieldError: FieldHelpers["fieldError"] = (field) =>
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
      <AlertFields draft={draft} update={update} fieldProps={fieldProps} fieldError={fieldError} />
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
