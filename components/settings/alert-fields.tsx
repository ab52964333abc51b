"use client";

import { useState, useSyncExternalStore } from "react";
import {
  beep,
  notificationPermission,
  type NotificationPermissionState,
  requestNotificationPermission,
  unlockAudio,
} from "../desk/signal-alerts";
import type { Draft, Field } from "./preferences-draft";
import type { FieldHelpers } from "./field-helpers";

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

/** Sound and desktop notifications, with what this browser allows and a button to ask it. */
export function AlertFields({
  draft,
  update,
  fieldProps,
  fieldError,
}: FieldHelpers & {
  draft: Pick<Draft, "sound" | "desktop_notifications">;
  update: (field: Extract<Field, "sound" | "desktop_notifications">, value: boolean) => void;
}) {
  const browserPermission = useSyncExternalStore(subscribeToPermission, notificationPermission, () => "default" as const);
  const [asked, setAsked] = useState<NotificationPermissionState | null>(null);
  const permission = asked ?? browserPermission;

  async function askPermission() {
    setAsked(await requestNotificationPermission());
  }

  return (
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
  );
}
