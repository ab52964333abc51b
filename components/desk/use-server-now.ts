"use client";

import { useEffect, useState } from "react";
import { useSignalDesk } from "./signal-desk-provider";

/**
 * The server's current time in ms (this browser's clock corrected by the offset learned from time_sync),
 * re-rendering every `intervalMs`; honest even when this computer's clock is minutes off.
 */
export function useServerNow(intervalMs = 250): number {
  const offset = useSignalDesk((state) => state.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now + offset;
}

/** False until the first clock sample: until then a countdown would only repeat this browser's error. */
export function useClockSynced(): boolean {
  return useSignalDesk((state) => state.clockSynced);
}
