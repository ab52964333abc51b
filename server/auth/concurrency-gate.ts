export class GateFullError extends Error {
  constructor() {
    super("Too many sign-ins at once. Try again in a moment.");
  }
}

/**
 * At most `limit` tasks run at once and at most `maxWaiting` wait; more are refused at once. Bounds how many
 * password verifications compete for the thread pool, so a sign-in flood queues (or is turned away) instead
 * of taking every core from delivery.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs the task when a place is free; rejects with GateFullError when too many already wait. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new GateFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      // Hand the place straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get active(): number {
    return this.running;
  }
}
