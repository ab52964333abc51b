import { z } from "zod";

/** Time as the services see it: one seam through which delays and expiry read the time. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts (a stopped job must not hold the process open). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", wake);
        resolve();
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener("abort", wake, { once: true });
    }),
};

/** A job `every()` runs until stopped. */
export interface Repeating {
  /** No new run starts; resolves when the run under way, if any, has ended. */
  stop(): Promise<void>;
}

export interface EveryOptions {
  /** Where a failed run is logged; the job goes on at the next interval. */
  logger: { error(fields: object, message: string): void };
  /** Each run's duration in ms (a failed one included), for metrics. */
  onRun?: (durationMs: number) => void;
  /** Run once at once, instead of after the first interval. */
  runAtStart?: boolean;
}

/**
 * The one scheduler: runs `run` every `intervalMs` on `clock`, never overlapping — the next interval starts when
 * the previous run has ended, so a slow run delays the next instead of piling up. A run's error is logged as
 * "<name> failed", never thrown.
 */
export function every(clock: Clock, name: string, intervalMs: number, run: () => unknown, options: EveryOptions): Repeating {
  const stopping = new AbortController();
  let current: Promise<void> | null = null;
  const runOnce = async () => {
    const started = performance.now();
    try {
      await run();
    } catch (error) {
      options.logger.error({ err: error, job: name }, `${name} failed`);
    }
    options.onRun?.(performance.now() - started);
  };
  const loop = async () => {
    if (!options.runAtStart) await clock.sleep(intervalMs, stopping.signal);
    while (!stopping.signal.aborted) {
      current = runOnce();
      await current;
      current = null;
      await clock.sleep(intervalMs, stopping.signal);
    }
  };
  void loop();
  return {
    stop: async () => {
      stopping.abort();
      await current;
    },
  };
}

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
    sleep: (ms, signal) => base.sleep(ms, signal),
    advance: (ms) => {
      const next = offset + Math.max(0, ms);
      if (next > MAX_CLOCK_OFFSET_MS) return false;
      offset = next;
      return true;
    },
  };
}
