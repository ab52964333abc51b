/**
 * A signal is replayed to a connecting socket at most once per this long (issue 23 item 6): a client stuck in
 * a reconnect loop otherwise costs a delivery-log row, a log line and an admin feed entry per signal and
 * connection. The periodic replay of failed deliveries has the same pace (REPLAY_INTERVAL_MS).
 */
export const REPLAY_MIN_INTERVAL_MS = 10_000;

/**
 * Remembers when each signal was last replayed on this node. Entries are kept in the order they were last
 * used, so the ones older than the interval are dropped from the front: memory stays bounded by the signals
 * replayed within one interval.
 */
export class ReplayLimiter {
  private readonly lastReplay = new Map<string, number>();

  constructor(private readonly intervalMs: number = REPLAY_MIN_INTERVAL_MS) {}

  /** True (and noted) when `signalId` was not replayed within the interval before `now`. */
  tryReplay(signalId: string, now: number): boolean {
    this.forgetBefore(now - this.intervalMs);
    const last = this.lastReplay.get(signalId);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.lastReplay.delete(signalId);
    this.lastReplay.set(signalId, now);
    return true;
  }

  /** When `signalId` may be replayed again (now, if it may be already). */
  allowedAt(signalId: string, now: number): number {
    const last = this.lastReplay.get(signalId);
    return last === undefined ? now : Math.max(now, last + this.intervalMs);
  }

  private forgetBefore(cutoff: number): void {
    for (const [signalId, at] of this.lastReplay) {
      if (at > cutoff) return;
      this.lastReplay.delete(signalId);
    }
  }
}
