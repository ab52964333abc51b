import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Decimal } from "@/lib/decimal";
import { gradeFor } from "@/lib/grade";
import { positionSize, rMultiple, sizeInCents } from "@/lib/money";
import { type Pattern, type PatternType, LONG_PATTERNS, SHORT_PATTERNS } from "@/lib/pattern";
import { InvalidInputError } from "@/server/pipeline/invalid-input";
import { judgeForUser, preparePattern, type UserTerms } from "@/server/pipeline/prepared-pattern";
import { roundPrices } from "@/server/pipeline/price-rounding";
import { rejectionReason, tradeFacts } from "@/server/pipeline/trade-validation";
import { aaplSpring } from "@/tests/support/patterns";
import { judgeAapl } from "@/tests/support/judge-aapl";
import {
  refEvaluate,
  refPositionSize,
  refRejectionReason,
  refRoundPrices,
  refTradeFacts,
  type RefTrader,
} from "@/tests/support/decimal-reference";

/*
 * Issue 20 item 2: the integer pipeline agrees exactly with the decimal.js one it replaced
 * (tests/support/decimal-reference.ts) on every field a signal carries. The generator writes decimal
 * strings and doubles the way the wire and the preferences form produce them, never cents.
 */

/*
 * 100,000 runs of the main property took 33–100 s on the shared two-core machine, so the unit suite runs
 * 10,000 (about 10 s). The full figure: INTEGER_MONEY_RUNS=100000 npx vitest run tests/integer-money.test.ts
 * (the other properties scale with it; the coverage floors below are shares of it).
 */
const RUNS = z.coerce.number().int().min(1000).default(10_000).parse(process.env.INTEGER_MONEY_RUNS);

const NOW = Date.parse("2026-01-23T10:30:00.000Z");
const PATTERN_TYPES: PatternType[] = [...LONG_PATTERNS, ...SHORT_PATTERNS];

/** units × 10^−places as decimal text, written here so the generator shares nothing with lib/scaled-decimal. */
function decimalText(units: bigint, places: number): string {
  const digits = units.toString().padStart(places + 1, "0");
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

const pow = (n: number) => 10n ** BigInt(n);

// A pattern's three prices at a shared number of places (0–8, PriceSchema's limit), long or short, mostly on
// the right sides; stops from a hair's breadth to 20 % away, with half cents and a stop at 0.001 among them.
const prices = fc
  .record({
    places: fc.constantFrom(0, 1, 2, 2, 2, 3, 3, 4, 6, 8),
    entryDigits: fc.constantFrom(1, 2, 3, 4, 5, 7, 12),
    entryDraw: fc.bigInt({ min: 1n, max: pow(20) }),
    stopPpm: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 200_000 })),
    stopTicks: fc.integer({ min: 0, max: 60 }),
    // The target's distance as a multiple of the stop's (R before rounding), in thousandths.
    rewardMilli: fc.oneof(
      fc.integer({ min: 0, max: 6000 }),
      fc.integer({ min: 1950, max: 2050 }),
      fc.integer({ min: 1990, max: 2000 }),
      fc.integer({ min: 0, max: 200_000 }),
    ),
    targetTicks: fc.integer({ min: 0, max: 60 }),
    // One in twenty on the wrong side of the entry.
    stopWrongSide: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
    targetWrongSide: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
    halfCentTail: fc.boolean(),
  })
  .map((p) => {
    const top = pow(p.entryDigits + p.places) - 1n;
    let entry = (p.entryDraw % top) + 1n;
    // One in two: end the entry on a half cent (…5 at the third place), the rounding edge.
    if (p.halfCentTail && p.places >= 3) entry = entry - (entry % pow(p.places - 2)) + 5n * pow(p.places - 3);
    const tick = p.places >= 2 ? pow(p.places - 2) : 1n;
    const stopGap = (entry * BigInt(p.stopPpm)) / 1_000_000n + BigInt(p.stopTicks) * tick;
    const targetGap = (stopGap * BigInt(p.rewardMilli)) / 1000n + BigInt(p.targetTicks) * tick;
    const clamp = (units: bigint) => (units < 1n ? 1n : units > pow(12 + p.places) - 1n ? pow(12 + p.places) - 1n : units);
    return {
      entry: decimalText(clamp(entry), p.places),
      below: decimalText(clamp(p.stopWrongSide ? entry + stopGap : entry - stopGap), p.places),
      above: decimalText(clamp(p.stopWrongSide ? entry - stopGap : entry + stopGap), p.places),
      targetUp: decimalText(clamp(p.targetWrongSide ? entry - targetGap : entry + targetGap), p.places),
      targetDown: decimalText(clamp(p.targetWrongSide ? entry + targetGap : entry - targetGap), p.places),
    };
  });

const unit = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.85, 0.95, 0.7, 0.65, 0.1 + 0.2),
);

const volumeRatio = fc.oneof(
  fc.constantFrom(0, 0.4, 0.41, 0.5, 0.51, 0.6, 0.61, 0.7, 0.71, 0.9, 0.91, 1.1, 1.11, 1.19, 1.2, 1.49, 1.5, 1.59, 1.6, 1.79, 1.8),
  fc.constantFrom(1.99, 2, 2.49, 2.5, 3, 1000, 0.4000000000000001, 0.39999999999999997),
  fc.integer({ min: 0, max: 300 }).map((n) => n / 100),
  fc.double({ min: 0, max: 1000, noNaN: true }),
);

const pattern: fc.Arbitrary<Pattern> = fc
  .record({
    type: fc.constantFrom(...PATTERN_TYPES),
    prices,
    quality: unit,
    phase: unit,
    volume: volumeRatio,
    age: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 59_999 }) },
      { weight: 1, arbitrary: fc.constantFrom(60_000, 60_001, 59_999) },
      { weight: 1, arbitrary: fc.integer({ min: -5000, max: 120_000 }) },
    ),
  })
  .map(({ type, prices: p, quality, phase, volume, age }) => {
    const long = (LONG_PATTERNS as readonly string[]).includes(type);
    return aaplSpring({
      pattern_type: type,
      detected_at: new Date(NOW - age).toISOString(),
      entry_price: p.entry,
      stop_loss: long ? p.below : p.above,
      target_price: long ? p.targetUp : p.targetDown,
      pattern_quality: quality,
      phase_strength: phase,
      volume_ratio: volume,
    });
  });

// Preferences as PreferencesSchema admits them and the users row stores them (risk % as String(number)).
const trader: fc.Arbitrary<RefTrader> = fc.record({
  equity: fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(0, 1, 2)).map(([n, places]) => decimalText(BigInt(n), places)),
    fc
      .tuple(fc.bigInt({ min: 1n, max: pow(14) - 1n }), fc.constantFrom(0, 1, 2))
      .map(([n, places]) => decimalText(n % pow(12 + places) || 1n, places)),
  ),
  riskPercentage: fc
    .oneof(
      fc.integer({ min: 1, max: 50 }).map((n) => n / 10),
      fc.integer({ min: 10, max: 500 }).map((n) => n / 100),
      fc.integer({ min: 100, max: 5000 }).map((n) => n / 1000),
      fc.double({ min: 0.1, max: 5, noNaN: true }),
    )
    .map(String),
  maxLeverage: fc.oneof(
    fc.integer({ min: 1, max: 10 }),
    fc.integer({ min: 100, max: 1000 }).map((n) => n / 100),
    fc.double({ min: 1, max: 10, noNaN: true }),
  ),
  minRMultiple: fc.oneof(
    fc.integer({ min: 0, max: 500 }).map((n) => n / 100),
    fc.integer({ min: 0, max: 20_000 }).map((n) => n / 1000),
    fc.constantFrom(0, 1.995, 2, 2.005, 1.99, 3.33, 3.335, 1e-7),
    fc.double({ min: 0, max: 20, noNaN: true }).filter((x) => x < 3 || x > 19),
  ),
  minConfidence: fc.oneof(
    fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
    fc.constantFrom(0, 60, 69.99, 70, 70.01, 80, 90, 92.5, 1e-7),
    fc.double({ min: 0, max: 60, noNaN: true }),
  ),
});

function integerEvaluate(rounded: Pattern, user: RefTrader, context: { now: number; hasRecentDuplicate: boolean }) {
  const prepared = preparePattern(rounded);
  const terms: UserTerms = user;
  const verdict = judgeForUser(prepared, terms, context);
  return {
    direction: prepared.direction,
    reason: verdict.reason,
    confidenceScore: prepared.confidenceScore,
    confidenceGrade: prepared.confidenceGrade,
    volumeScore: prepared.volumeScore,
    rMultiple: prepared.rMultiple,
    shares: verdict.shares,
    riskAmount: verdict.riskAmount,
    positionValue: verdict.positionValue,
    sizeLimitedBy: verdict.sizeLimitedBy,
  };
}

function roundedOrRefusal(raw: Pattern): Pattern | "rounds to zero" {
  try {
    return roundPrices(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return "rounds to zero";
  }
}

describe("integer pipeline = decimal.js pipeline (issue 20 item 2)", () => {
  it(
    `agrees on rounding, validation, score, grade and sizing for ${RUNS} random patterns and users`,
    () => {
      const seen = { approved: 0, bigEquity: 0, longRisk: 0, reasons: new Set<string>() };
      fc.assert(
        fc.property(pattern, trader, fc.integer({ min: 0, max: 9 }), (raw, user, draw) => {
          const hasRecentDuplicate = draw === 0;
          const rounded = roundedOrRefusal(raw);
          const expectedRounding = refRoundPrices(raw);
          // Compared as text first: vitest's deep equality would cost more than both pipelines together.
          if (JSON.stringify(rounded) !== JSON.stringify(expectedRounding)) expect(rounded).toEqual(expectedRounding);
          if (rounded === "rounds to zero") return;
          const context = { now: NOW, hasRecentDuplicate };
          const expected = refEvaluate(rounded, user, context);
          const actual = integerEvaluate(rounded, user, context);
          if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
          if (expected.reason === null) seen.approved += 1;
          seen.reasons.add((expected.reason ?? "approved").replace(/ \(.*/, ""));
          if (user.equity.length > 12) seen.bigEquity += 1;
          if (user.riskPercentage.length > 8) seen.longRisk += 1;
        }),
        { numRuns: RUNS },
      );
      // The inputs reach every rule and both arithmetic tiers, so agreeing is not agreeing on rejections only.
      expect([...seen.reasons].sort()).toEqual([
        "Below minimum confidence threshold",
        "Buying power too small for one share",
        "Invalid price levels for a long trade: needs stop < entry < target",
        "Invalid price levels for a short trade: needs target < entry < stop",
        "R-multiple below minimum",
        "Risk budget too small for one share",
        "Stop too close to entry",
        "approved",
        "duplicate",
        "stale",
      ]);
      expect(seen.approved).toBeGreaterThan(RUNS / 20);
      expect(seen.bigEquity).toBeGreaterThan(RUNS / 20);
      expect(seen.longRisk).toBeGreaterThan(RUNS / 20);
    },
    30_000 + RUNS,
  );

  it(
    "keeps the old exports (positionSize, tradeFacts, rejectionReason) equal to the reference, any decimals",
    () => {
      fc.assert(
        fc.property(pattern, trader, (raw, user) => {
          // Unrounded prices too: the old exports accept any decimal, as decimal.js did.
          const sizing = { equity: user.equity, riskPercentage: user.riskPercentage, maxLeverage: String(user.maxLeverage) };
          expect(positionSize({ ...sizing, entry: raw.entry_price, stop: raw.stop_loss })).toEqual(
            refPositionSize({ ...sizing, entry: raw.entry_price, stop: raw.stop_loss }),
          );
          const rounded = refRoundPrices(raw);
          if (rounded === "rounds to zero") return;
          const limits = {
            equity: user.equity,
            riskPercentage: user.riskPercentage,
            minRMultiple: user.minRMultiple,
            maxLeverage: user.maxLeverage,
          };
          const context = { now: NOW, hasRecentDuplicate: false };
          const expected = refTradeFacts(rounded, limits);
          const facts = tradeFacts(rounded, limits);
          expect(facts.rMultiple.toFixed(2)).toBe(expected.rMultiple.toFixed(2));
          expect(facts.size).toEqual(expected.size);
          expect(rejectionReason(rounded, facts, limits, context)).toBe(refRejectionReason(rounded, expected, limits, context));
        }),
        { numRuns: RUNS / 10 },
      );
    },
    30_000 + RUNS,
  );

  it("shows a double's minimum the way decimal.js did: String(x) is Decimal(String(x)).toString()", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(String(x)).toBe(new Decimal(String(x)).toString());
      }),
      { numRuns: RUNS / 5 },
    );
  });
});

describe("integer pipeline edges", () => {
  const judge = judgeAapl;

  it("sizes the contract's AAPL example (§3): 100 shares, 75.00 at risk, 15025.00, 3.33 R, 92.50 A+", () => {
    const prepared = preparePattern(aaplSpring());
    expect(prepared).toMatchObject({ rMultiple: "3.33", confidenceScore: "92.50", confidenceGrade: "A+", volumeScore: "1.00" });
    expect(judge({})).toEqual({ reason: null, shares: 100, riskAmount: "75.00", positionValue: "15025.00", sizeLimitedBy: "risk" });
  });

  it("grades 70.00 a B and words the confidence rejection as contract §6", () => {
    expect(
      preparePattern(aaplSpring({ pattern_type: "SOS", pattern_quality: 0.7, phase_strength: 0.65, volume_ratio: 1.6 })),
    ).toMatchObject({
      confidenceScore: "70.00",
      confidenceGrade: "B",
    });
    expect(judge({ pattern_quality: 0.6, phase_strength: 0.6, volume_ratio: 0.6 }, { minConfidence: 75 }).reason).toBe(
      "Below minimum confidence threshold (64.5% < 75%)",
    );
    expect(gradeFor("69.999")).toBe("C");
  });

  it("takes BigInt where a product passes 2^53: a 999,999,999,999.99 equity at 4.99 % and 10×", () => {
    // equity¢ × 499 is 4.99 × 10^16, past 2^53. Budget 49,899,999,999.9995 / 0.75 → 66,533,333,333 shares;
    // buying power 9,999,999,999,999.9 / 150.25 → 66,555,740,432.
    const huge = { equity: "999999999999.99", riskPercentage: "4.99", maxLeverage: 10 };
    expect(sizeInCents(15025, 75, huge)).toEqual({
      shares: 66_533_333_333,
      riskShares: 66_533_333_333,
      buyingPowerShares: 66_555_740_432,
      riskAmountCents: 4_989_999_999_975,
      positionValueCents: 999_663_333_328_325,
      sizeLimitedBy: "risk",
    });
    expect(positionSize({ ...huge, maxLeverage: "10", entry: "150.25", stop: "149.50" }).riskBudget).toBe("49900000000.00");
  });

  it("keeps rMultiple a decimal.js value for display", () => {
    expect(rMultiple("10.000", "8.000", "12.010").toFixed(2)).toBe("1.01");
  });

  it("refuses to prepare prices that are not in cents", () => {
    expect(() => preparePattern(aaplSpring({ stop_loss: "149.495" }))).toThrow(/round the pattern's prices first/);
  });
});
