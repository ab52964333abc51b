import type { Clock } from "../../clock";
import { RateLimit } from "../../rate-limit";

/** Test sends (push or webhook) one user may make per channel within TEST_SEND_WINDOW_MS, on one node. */
export const TEST_SENDS_PER_WINDOW = 5;
export const TEST_SEND_WINDOW_MS = 60_000;

export type TestSendChannel = "push" | "webhook";
export type TestSendPermit = { ok: true } | { ok: false; retryAfterS: number };

/**
 * The settings' test buttons send to third-party hosts at once, so each user gets TEST_SENDS_PER_WINDOW per
 * channel per minute (a sliding window); beyond that the route answers 429 with Retry-After. Kept per node:
 * behind a load balancer a user gets at most that many per node, still a bound.
 */
export class TestSendLimit {
  private readonly limit = new RateLimit(TEST_SENDS_PER_WINDOW, TEST_SEND_WINDOW_MS);

  constructor(private readonly clock: Pick<Clock, "now">) {}

  /** Counts one test send of the user on the channel, or says how many seconds until one is allowed. */
  take(channel: TestSendChannel, userId: string): TestSendPermit {
    const now = this.clock.now();
    const decision = this.limit.take(`${channel}:${userId}`, now);
    return decision.ok ? decision : { ok: false, retryAfterS: Math.max(1, Math.ceil((decision.retryAt - now) / 1000)) };
  }
}

/** The 429 a route answers when `take` refused: `{ error }` with Retry-After in whole seconds. */
export function tooManyTestSends(permit: { retryAfterS: number }): Response {
  return Response.json(
    { error: `Too many test sends; try again in ${permit.retryAfterS} s` },
    { status: 429, headers: { "retry-after": String(permit.retryAfterS) } },
  );
}
