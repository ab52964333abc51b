"use client";

import { useClockSynced, useServerNow } from "../desk/use-server-now";

const URGENT_SECONDS = 30;

/** Seconds left until `expiresAt` by the server's clock; null until the clock is synced. */
export function useSecondsLeft(expiresAt: string): number | null {
  const now = useServerNow();
  const synced = useClockSynced();
  if (!synced) return null;
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

function spoken(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min ${rest} s left` : `${rest} s left`;
}

/** Time left until `expiresAt`, against the server's clock. */
export function Countdown({ expiresAt }: { expiresAt: string }) {
  const seconds = useSecondsLeft(expiresAt);
  if (seconds === null) {
    return (
      <span className="countdown" data-testid="countdown" aria-label="syncing clock">
        –:––
      </span>
    );
  }
  const label = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <span
      role="timer"
      className={seconds <= URGENT_SECONDS ? "countdown urgent" : "countdown"}
      data-testid="countdown"
      data-seconds-left={seconds}
      aria-label={seconds > 0 ? spoken(seconds) : "expired"}
    >
      {seconds > 0 ? label : "expired"}
    </span>
  );
}
