import { z } from "zod";

/** Time as the services see it: one seam through which delays and expiry read the time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock tests can move forward (TEST_CLOCK=true): system time plus an offset that only grows. */
export interface AdjustableClock extends Clock {
  /** Moves the clock forward; false (and no move) when the total would pass MAX_CLOCK_OFFSET_MS. */
  advance(ms: number): boolean;
}

/** However many moves: a test clock never runs more than this far ahead of real time. */
export const MAX_CLOCK_OFFSET_MS = 60 * 24 * 60 * 60 * 1000;

/** Body of POST /api/test/clock: how far to move an adjustable clock forward (at most 30 days). */
export const ClockAdvanceSchema = z.object({
  advance_ms: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 60 * 60 * 1000),
});

/** Wraps `base` so the 24-hour timeout can be tested against a real server without waiting a day. */
export function adjustableClock(base: Clock = systemClock): AdjustableClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    sleep: (ms) => base.sleep(ms),
    advance: (ms) => {
      const next = offset + Math.max(0, ms);
      if (next > MAX_CLOCK_OFFSET_MS) return false;
      offset = next;
      return true;
    },
  };
}
