/** A session idles out after this long without a renewal (next-auth's maxAge; every page load renews it). */
export const SESSION_IDLE_S = 12 * 60 * 60;

/**
 * However often it is renewed, a session ends this long after its sign-in (`issued_at`, which renewal keeps):
 * a stolen token cannot be kept alive for ever. A trading week.
 */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a sign-out's revocation row is kept: RETENTION_DAYS, but never less than a token can live after its
 * revocation (its absolute lifetime, plus a day for clocks that disagree) — else a pruned row would bring a
 * signed-out token back to life.
 */
export function revocationRetentionMs(retentionDays: number): number {
  return Math.max(retentionDays * DAY_MS, SESSION_ABSOLUTE_MS + DAY_MS);
}

/** When a session issued at `issuedAt` with JWT expiry `expSeconds` stops being valid (epoch ms). */
export function sessionEndsAt(issuedAt: number, expSeconds: number | undefined): number {
  const absolute = issuedAt + SESSION_ABSOLUTE_MS;
  return expSeconds === undefined ? Math.min(absolute, issuedAt + SESSION_IDLE_S * 1000) : Math.min(absolute, expSeconds * 1000);
}

/** True once a session signed in at `issuedAt` has lived its absolute lifetime, whatever its renewals. */
export function pastAbsoluteLifetime(issuedAt: number, now: number): boolean {
  return now >= issuedAt + SESSION_ABSOLUTE_MS;
}
