/**
 * Per-user pipeline micro-benchmark (issue 20 item 2): the decimal.js evaluation it replaced against the
 * integer one (preparePattern once, judgeForUser per user), same process, same users, rounds interleaved.
 *
 *   npx tsx bench/per-user-sizing.ts [--users 10000] [--rounds 7]
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Pattern } from "@/lib/pattern";
import { judgeForUser, preparePattern, type UserTerms } from "@/server/pipeline/prepared-pattern";
import { roundPrices } from "@/server/pipeline/price-rounding";
import { rejectionReason, tradeFacts } from "@/server/pipeline/trade-validation";
import { refEvaluate } from "@/tests/support/decimal-reference";

const { values } = parseArgs({ options: { users: { type: "string", default: "10000" }, rounds: { type: "string", default: "7" } } });
const userCount = Number(values.users);
const rounds = Number(values.rounds);

// A deterministic spread of settings as traders set them: whole-dollar to cent equities, risk 0.5–3 %.
let seed = 1;
const next = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
};
const users: UserTerms[] = Array.from({ length: userCount }, () => ({
  equity: `${1000 + next(999_000)}.${String(next(100)).padStart(2, "0")}`,
  riskPercentage: String((5 + next(26)) / 10),
  maxLeverage: 1 + next(10),
  minRMultiple: [1.5, 2, 2.5, 3][next(4)]!,
  minConfidence: [60, 70, 75, 80][next(4)]!,
}));
const detectedAt = new Date().toISOString();
const pattern: Pattern = roundPrices({
  symbol: "AAPL",
  pattern_type: "SPRING",
  timeframe: "5m",
  detected_at: detectedAt,
  entry_price: "150.25",
  stop_loss: "149.50",
  target_price: "152.75",
  pattern_quality: 0.85,
  phase_strength: 0.95,
  volume_ratio: 0.35,
});
const context = { now: Date.parse(detectedAt), hasRecentDuplicate: false };

let sink = 0;
const variants: Record<string, () => void> = {
  "decimal.js (before)": () => {
    for (const user of users) sink += refEvaluate(pattern, user, context).shares;
  },
  "integer (preparePattern + judgeForUser)": () => {
    const prepared = preparePattern(pattern);
    for (const user of users) sink += judgeForUser(prepared, user, context).shares;
  },
  "old exports on integers (tradeFacts + rejectionReason)": () => {
    for (const user of users) {
      const limits = { ...user };
      const facts = tradeFacts(pattern, limits);
      sink += facts.size.shares + (rejectionReason(pattern, facts, limits, context) ? 1 : 0);
    }
  },
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round <= rounds; round += 1) {
  for (const [name, run] of Object.entries(variants)) {
    const start = performance.now();
    run();
    // Round 0 warms the JIT and is not counted.
    if (round > 0) samples[name]!.push(((performance.now() - start) * 1000) / userCount);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, xs] of Object.entries(samples))
  console.log(`${name.padEnd(56)} ${median(xs).toFixed(2)} µs per user (median of ${xs.length})`);
console.log(`(checksum ${sink})`);
