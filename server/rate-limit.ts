/** What `take` answers: allowed (and counted), or refused with the time one will be allowed again. */
export type RateDecision = { ok: true } | { ok: false; retryAt: number };

/**
 * At most `limit` takes per key within any `windowMs` (a sliding window), kept in this process's memory: behind
 * a load balancer each node keeps its own count, still a bound. Keys are kept in the order they were last
 * taken, so the ones with nothing left in the window are dropped from the front as time moves on: memory stays
 * bounded by the keys used within one window, whoever calls. A refused try is not counted.
 */
export class RateLimit {
  /** Per key, the times of its takes within the window, oldest first. */
  private readonly taken = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one take of `key` at `now`, or says when one will be allowed. */
  take(key: string, now: number): RateDecision {
    this.forgetBefore(now - this.windowMs);
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) return { ok: false, retryAt: this.allowedAt(key, now) };
    recent.push(now);
    // Delete first so the key moves to the back: the map stays in order of last take.
    this.taken.delete(key);
    this.taken.set(key, recent);
    return { ok: true };
  }

  /** When `key` may be taken again: `now` if it may be already. */
  allowedAt(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return now;
    // The take that has to leave the window before another fits.
    return recent[recent.length - this.limit]! + this.windowMs;
  }

  /** Takes still inside the window ending at `now` (one exactly `windowMs` old has left it). */
  private recent(key: string, now: number): number[] {
    return (this.taken.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }

  private forgetBefore(cutoff: number): void {
    for (const [key, times] of this.taken) {
      if ((times.at(-1) ?? cutoff) > cutoff) return;
      this.taken.delete(key);
    }
  }
}
