"use client";

import type { AlertPreferences, DeskSignal } from "./signal-desk-store";

/** Which tab speaks for the desk: exactly one of the user's open tabs is the leader. */
export interface AlertLeader {
  isLeader(): boolean;
  /** True when this tab or any other open tab of the desk is visible. */
  anyTabVisible(): boolean;
}

/*
 * Sound and desktop notifications for a trader who is looking elsewhere. Module state is fine here:
 * it is per browser tab by nature (one AudioContext, the notifications this tab opened).
 */
let audio: AudioContext | null = null;
const notifications = new Map<string, Notification>();

/**
 * Browsers start audio only after a user gesture; call this from one (any click or key on the page),
 * so a beep can play later while the tab is hidden.
 */
export function unlockAudio(): void {
  if (typeof window === "undefined" || typeof window.AudioContext !== "function") return;
  audio ??= new window.AudioContext();
  if (audio.state === "suspended") audio.resume().catch(() => undefined);
}

/** Two short tones: rising for a long signal, falling for a short one. No audio file needed. */
export function beep(direction: DeskSignal["direction"] = "long"): void {
  unlockAudio();
  const context = audio;
  if (!context || context.state !== "running") return;
  const tones = direction === "long" ? [660, 990] : [990, 660];
  const start = context.currentTime + 0.01;
  tones.forEach((frequency, index) => {
    const at = start + index * 0.18;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.17);
  });
}

export type NotificationPermissionState = NotificationPermission | "unsupported";

export function notificationPermission(): NotificationPermissionState {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}

/** Asks the browser for permission; only call it from a click (browsers ignore or block it otherwise). */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (notificationPermission() === "unsupported") return "unsupported";
  return Notification.requestPermission();
}

/** A desktop notification for one signal; the tag makes a repeat replace rather than stack. */
export function showDesktopNotification(signal: DeskSignal): void {
  if (notificationPermission() !== "granted") return;
  try {
    const notification = new Notification(`${signal.symbol} ${signal.pattern_type} · ${signal.direction.toUpperCase()}`, {
      body: `Grade ${signal.confidence_grade} (${signal.confidence_score}) · entry ${signal.entry_price}, stop ${signal.stop_loss}, target ${signal.target_price} · ${signal.r_multiple.toFixed(2)}R`,
      tag: signal.signal_id,
      requireInteraction: true,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    notification.onclose = () => notifications.delete(signal.signal_id);
    notifications.set(signal.signal_id, notification);
  } catch {
    // Some platforms (Android Chrome) allow notifications only from a service worker; the toast still shows.
  }
}

/** Closes the notification of a signal that was decided or expired. */
export function closeAlert(signalId: string): void {
  notifications.get(signalId)?.close();
  notifications.delete(signalId);
}

/**
 * Sound and desktop notification for a new signal, per the trader's preferences, when no tab of the desk
 * is visible; only the leader tab alerts, so several open tabs make one sound and one notification.
 */
export function alertIfAway(signal: DeskSignal, preferences: AlertPreferences | null, leader: AlertLeader): boolean {
  if (!preferences || !leader.isLeader() || leader.anyTabVisible()) return false;
  if (preferences.sound) beep(signal.direction);
  if (preferences.desktop_notifications) showDesktopNotification(signal);
  return preferences.sound || preferences.desktop_notifications;
}
