import { Decimal, toMoneyString, type DecimalValue } from "@/lib/decimal";
import { directionOf, type Pattern, type PatternType } from "@/lib/pattern";

/*
 * The per-user pipeline as it was computed in decimal.js before issue 20 (item 2) moved it to integers.
 * Kept as the reference the integer path must agree with exactly (tests/integer-money.test.ts) and as the
 * "old" side of the benchmark (bench/per-user-sizing.ts), verbatim but for issue 21's R rule (marked below).
 * Not used by the product.
 */

export function refRoundPrices(pattern: Pattern): Pattern | "rounds to zero" {
  const stopMode = directionOf(pattern.pattern_type) === "long" ? Decimal.ROUND_DOWN : Decimal.ROUND_UP;
  const rounded = {
    entry_price: new Decimal(pattern.entry_price).toFixed(2, Decimal.ROUND_HALF_UP),
    stop_loss: new Decimal(pattern.stop_loss).toFixed(2, stopMode),
    target_price: new Decimal(pattern.target_price).toFixed(2, Decimal.ROUND_HALF_UP),
  };
  if (Object.values(rounded).some((price) => new Decimal(price).isZero())) return "rounds to zero";
  return { ...pattern, ...rounded };
}

export function refRMultiple(entry: DecimalValue, stop: DecimalValue, target: DecimalValue): Decimal {
  const risk = new Decimal(entry).minus(stop).abs();
  if (risk.isZero()) return new Decimal(0);
  return new Decimal(target).minus(entry).abs().div(risk).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export interface RefSize {
  shares: number;
  riskAmount: string;
  positionValue: string;
  riskBudget: string;
  riskShares: number;
  buyingPowerShares: number;
  sizeLimitedBy: "risk" | "buying_power";
}

export function refPositionSize(input: {
  equity: DecimalValue;
  riskPercentage: DecimalValue;
  maxLeverage: DecimalValue;
  entry: DecimalValue;
  stop: DecimalValue;
}): RefSize {
  const entry = new Decimal(input.entry);
  const perShare = entry.minus(input.stop).abs();
  const equity = new Decimal(input.equity);
  const budget = equity.times(input.riskPercentage).div(100);
  const riskShares = perShare.isZero() ? new Decimal(0) : budget.div(perShare).floor();
  const buyingPowerShares = entry.isZero() ? new Decimal(0) : equity.times(input.maxLeverage).div(entry).floor();
  const limitedByBuyingPower = buyingPowerShares.lt(riskShares);
  const shares = limitedByBuyingPower ? buyingPowerShares : riskShares;
  return {
    shares: shares.toNumber(),
    riskAmount: toMoneyString(shares.times(perShare)),
    positionValue: toMoneyString(shares.times(entry)),
    riskBudget: toMoneyString(budget),
    riskShares: riskShares.toNumber(),
    buyingPowerShares: buyingPowerShares.toNumber(),
    sizeLimitedBy: limitedByBuyingPower ? "buying_power" : "risk",
  };
}

const VOLUME_TABLES: Record<PatternType, { compare: "atMost" | "atLeast"; rules: Array<[number, number]> }> = {
  SPRING: {
    compare: "atMost",
    rules: [
      [0.4, 1],
      [0.5, 0.9],
      [0.6, 0.75],
      [0.7, 0.6],
    ],
  },
  TEST: {
    compare: "atMost",
    rules: [
      [0.4, 1],
      [0.5, 0.9],
      [0.6, 0.75],
      [0.7, 0.6],
    ],
  },
  SOS: {
    compare: "atLeast",
    rules: [
      [2.0, 1],
      [1.8, 0.9],
      [1.6, 0.75],
      [1.5, 0.6],
    ],
  },
  SOW: {
    compare: "atLeast",
    rules: [
      [2.0, 1],
      [1.8, 0.9],
      [1.6, 0.75],
      [1.5, 0.6],
    ],
  },
  LPS: {
    compare: "atMost",
    rules: [
      [0.6, 1],
      [0.9, 0.8],
      [1.1, 0.6],
    ],
  },
  LPSY: {
    compare: "atMost",
    rules: [
      [0.6, 1],
      [0.9, 0.8],
      [1.1, 0.6],
    ],
  },
  UTAD: {
    compare: "atLeast",
    rules: [
      [2.5, 1],
      [2.0, 0.9],
      [1.5, 0.8],
      [1.2, 0.7],
    ],
  },
};

export function refVolumeScore(patternType: PatternType, volumeRatio: number): Decimal {
  const table = VOLUME_TABLES[patternType];
  const ratio = new Decimal(String(volumeRatio));
  for (const [limit, score] of table.rules) {
    const hit = table.compare === "atMost" ? ratio.lte(String(limit)) : ratio.gte(String(limit));
    if (hit) return new Decimal(String(score));
  }
  return new Decimal(0);
}

export function refConfidenceScore(patternQuality: number, phaseStrength: number, volume: Decimal): Decimal {
  return new Decimal("0.40")
    .times(String(patternQuality))
    .plus(new Decimal("0.30").times(String(phaseStrength)))
    .plus(new Decimal("0.30").times(volume))
    .times(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function refGradeFor(score: DecimalValue): string {
  const value = new Decimal(score);
  for (const [floor, grade] of [
    [90, "A+"],
    [80, "A"],
    [70, "B"],
    [60, "C"],
  ] as const)
    if (value.gte(floor)) return grade;
  return "F";
}

export interface RefTrader {
  equity: string;
  riskPercentage: string;
  minRMultiple: number;
  maxLeverage: number;
  minConfidence: number;
}

function shownMinimum(distance: Decimal, minimum: Decimal): string {
  const twoPlaces = minimum.toFixed(2);
  return new Decimal(twoPlaces).gt(distance) ? twoPlaces : minimum.toString();
}

export interface RefFacts {
  direction: "long" | "short";
  rMultiple: Decimal;
  size: RefSize;
}

/** The old tradeFacts. */
export function refTradeFacts(pattern: Pattern, trader: Omit<RefTrader, "minConfidence">): RefFacts {
  return {
    direction: directionOf(pattern.pattern_type),
    rMultiple: refRMultiple(pattern.entry_price, pattern.stop_loss, pattern.target_price),
    size: refPositionSize({
      equity: trader.equity,
      riskPercentage: trader.riskPercentage,
      maxLeverage: String(trader.maxLeverage),
      entry: pattern.entry_price,
      stop: pattern.stop_loss,
    }),
  };
}

/** The old rejectionReason. */
export function refRejectionReason(
  pattern: Pattern,
  facts: RefFacts,
  trader: Omit<RefTrader, "minConfidence">,
  context: { now: number; hasRecentDuplicate: boolean },
): string | null {
  const entry = new Decimal(pattern.entry_price);
  const stop = new Decimal(pattern.stop_loss);
  const target = new Decimal(pattern.target_price);
  const ordered = facts.direction === "long" ? stop.lt(entry) && entry.lt(target) : target.lt(entry) && entry.lt(stop);
  if (!ordered) {
    return facts.direction === "long"
      ? "Invalid price levels for a long trade: needs stop < entry < target"
      : "Invalid price levels for a short trade: needs target < entry < stop";
  }
  const distance = entry.minus(stop).abs();
  const minimum = Decimal.max(new Decimal("0.01"), entry.times("0.001"));
  if (distance.lt(minimum)) return `Stop too close to entry (${distance.toFixed(2)} < ${shownMinimum(distance, minimum)})`;
  const minR = new Decimal(String(trader.minRMultiple));
  // Issue 21 changed this rule: R is held against the minimum before rounding (reward < minimum × risk, exact at
  // 40 digits), and shown floored to three places when its two-place text would not read below the minimum.
  const reward = target.minus(entry).abs();
  if (reward.lt(minR.times(distance))) {
    const shown = facts.rMultiple.lt(minR) ? facts.rMultiple.toFixed(2) : reward.div(distance).toFixed(3, Decimal.ROUND_DOWN);
    return `R-multiple below minimum (${shown} < ${minR.toFixed(2)})`;
  }
  if (facts.size.riskShares < 1) return `Risk budget too small for one share (${facts.size.riskBudget} < ${distance.toFixed(2)} per share)`;
  if (facts.size.buyingPowerShares < 1) {
    const buyingPower = new Decimal(trader.equity).times(String(trader.maxLeverage)).toFixed(2);
    return `Buying power too small for one share (${buyingPower} < ${entry.toFixed(2)} per share)`;
  }
  if (context.now - Date.parse(pattern.detected_at) > 60_000) return "stale";
  if (context.hasRecentDuplicate) return "duplicate";
  return null;
}

/** Every field the old SignalPipeline.evaluate derived for one (rounded) pattern and one user. */
export function refEvaluate(pattern: Pattern, trader: RefTrader, context: { now: number; hasRecentDuplicate: boolean }) {
  const facts = refTradeFacts(pattern, trader);
  const volume = refVolumeScore(pattern.pattern_type, pattern.volume_ratio);
  const score = refConfidenceScore(pattern.pattern_quality, pattern.phase_strength, volume);
  const reason =
    refRejectionReason(pattern, facts, trader, context) ??
    (score.lt(String(trader.minConfidence))
      ? `Below minimum confidence threshold (${score.toString()}% < ${new Decimal(String(trader.minConfidence)).toString()}%)`
      : null);
  return {
    direction: facts.direction,
    reason,
    confidenceScore: score.toFixed(2),
    confidenceGrade: refGradeFor(score),
    volumeScore: volume.toFixed(2),
    rMultiple: facts.rMultiple.toFixed(2),
    shares: facts.size.shares,
    riskAmount: facts.size.riskAmount,
    positionValue: toMoneyString(facts.size.positionValue),
    sizeLimitedBy: facts.size.sizeLimitedBy,
  };
}
