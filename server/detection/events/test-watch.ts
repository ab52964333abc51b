import type { AnalyzedBar } from "../bar-window";
import { TEST_MAX_BARS_AFTER_SPRING, TEST_MAX_DISTANCE_FROM_SPRING_LOW, TEST_MIN_BARS_AFTER_SPRING } from "../wyckoff-constants";

export type TestOutcome = { status: "watching" } | { status: "failed" } | { status: "confirmed"; testBar: AnalyzedBar };

/**
 * Waits for the TEST of a spring: 3–15 bars after the spring bar, a low within 3 % above the spring low
 * without undercutting it, on less volume than the spring bar. Undercutting the spring low ends the watch.
 */
export class TestWatch {
  constructor(
    private readonly springBar: AnalyzedBar,
    private readonly springLow: number,
    /** The test cannot come before the spring is confirmed by its reclaim. */
    private readonly reclaimIndex: number,
  ) {}

  /** Feeds the next bar after the spring's reclaim. */
  update(bar: AnalyzedBar): TestOutcome {
    const since = bar.index - this.springBar.index;
    if (bar.low < this.springLow || since > TEST_MAX_BARS_AFTER_SPRING) return { status: "failed" };
    const nearSpringLow = bar.low <= this.springLow * (1 + TEST_MAX_DISTANCE_FROM_SPRING_LOW);
    if (since >= TEST_MIN_BARS_AFTER_SPRING && bar.index > this.reclaimIndex && nearSpringLow && bar.volume < this.springBar.volume) {
      return { status: "confirmed", testBar: bar };
    }
    return { status: "watching" };
  }
}
