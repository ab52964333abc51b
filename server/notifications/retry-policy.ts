/** Waits before attempts 2, 3 and 4 (contract §4): after the 4th failure the delivery is failed. */
export const RETRY_DELAYS_MS = [100, 500, 2000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long to wait after attempt `failedAttempt` failed, or null when no attempt is left. */
export function delayAfterFailure(failedAttempt: number): number | null {
  return RETRY_DELAYS_MS[failedAttempt - 1] ?? null;
}

/**
 * How long a node may own a delivery before another node may take it over: the whole retry schedule
 * with every attempt timing out, plus a margin, so a live owner is never overtaken.
 */
export function deliveryLeaseMs(ackTimeoutMs: number): number {
  const waits = RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
  return waits + MAX_ATTEMPTS * ackTimeoutMs + 5000;
}
