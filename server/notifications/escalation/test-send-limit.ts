import type { Clock } from "../../clock";

/** Test sends (push or webhook) one user may make per channel within TEST_SEND_WINDOW_MS, on one node. */
export const TEST_SENDS_PER_WINDOW = 5;
export const TEST_SEND_WINDOW_MS = 60_000;
/** Users remembered before stale entries are swept: memory stays bounded whoever calls. */
const SWEEP_AT_KEYS = 10_000;

export type TestSendChannel = "push" | "webhook";
export type TestSendPermit = { ok: true } | { ok: false; retryAfterS: number };

/**
 * The settings' test buttons send to third-party hosts at once, so each user gets TEST_SENDS_PER_WINDOW per
 * channel per minute (a sliding window); beyond that the route answers 429 with Retry-After. Kept per node:
 * behind a load balancer a user gets at most that many per node, still a bound.
 */
export class TestSendLimit {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly clock: Pick<Clock, "now">) {}

  /** Counts one test send of the user on the channel, or says how many seconds until one is allowed. */
  take(channel: TestSendChannel, userId: string): TestSendPermit {
    const now = this.clock.now();
    const key = `${channel}:${userId}`;
    const recent = (this.sent.get(key) ?? []).filter((at) => at > now - TEST_SEND_WINDOW_MS);
    if (recent.length >= TEST_SENDS_PER_WINDOW) {
      this.sent.set(key, recent);
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((recent[0]! + TEST_SEND_WINDOW_MS - now) / 1000)) };
    }
    if (this.sent.size >= SWEEP_AT_KEYS) this.sweep(now);
    recent.push(now);
    this.sent.set(key, recent);
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [key, times] of this.sent) if ((times.at(-1) ?? 0) <= now - TEST_SEND_WINDOW_MS) this.sent.delete(key);
  }
}

/** The 429 a route answers when `take` refused: `{ error }` with Retry-After in whole seconds. */
export function tooManyTestSends(permit: { retryAfterS: number }): Response {
  return Response.json(
    { error: `Too many test sends; try again in ${permit.retryAfterS} s` },
    { status: 429, headers: { "retry-after": String(permit.retryAfterS) } },
  );
}
