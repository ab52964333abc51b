"use client";

import { useEffect, useState } from "react";
import { useSignalDesk } from "./signal-desk-provider";

/** The server's current time in ms, re-rendering every `intervalMs`; honest even when this clock is off. */
export function useServerNow(intervalMs = 250): number {
  const offset = useSignalDesk((state) => state.clockOffsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now + offset;
}
