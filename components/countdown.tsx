"use client";

import { useServerNow } from "./use-server-now";

/** Time left until `expiresAt`, against the server's clock. */
export function Countdown({ expiresAt }: { expiresAt: string }) {
  const left = Math.max(0, Date.parse(expiresAt) - useServerNow());
  const seconds = Math.ceil(left / 1000);
  const label = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <span className={seconds <= 30 ? "countdown urgent" : "countdown"} data-testid="countdown" data-seconds-left={seconds}>
      {seconds > 0 ? label : "expired"}
    </span>
  );
}
