import { Decimal } from "@/lib/decimal";
import { divideRounded, formatUnits, POW10, pow10, type Scaled, scaledOf, smallScaledOf, unitsAt } from "@/lib/scaled-decimal";
import type { PatternType } from "@/lib/pattern";

/** `score` in hundredths: 75 is 0.75. */
type VolumeRule = { readonly limit: number; readonly score: number };
type VolumeTable = { readonly compare: "atMost" | "atLeast"; readonly rules: readonly VolumeRule[] };

// contract §6: quiet tests want light volume, breakouts want heavy volume.
const LIGHT_TEST: VolumeTable = {
  compare: "atMost",
  rules: [
    { limit: 0.4, score: 100 },
    { limit: 0.5, score: 90 },
    { limit: 0.6, score: 75 },
    { limit: 0.7, score: 60 },
  ],
};
const BREAKOUT: VolumeTable = {
  compare: "atLeast",
  rules: [
    { limit: 2.0, score: 100 },
    { limit: 1.8, score: 90 },
    { limit: 1.6, score: 75 },
    { limit: 1.5, score: 60 },
  ],
};
const LAST_POINT: VolumeTable = {
  compare: "atMost",
  rules: [
    { limit: 0.6, score: 100 },
    { limit: 0.9, score: 80 },
    { limit: 1.1, score: 60 },
  ],
};
const UPTHRUST: VolumeTable = {
  compare: "atLeast",
  rules: [
    { limit: 2.5, score: 100 },
    { limit: 2.0, score: 90 },
    { limit: 1.5, score: 80 },
    { limit: 1.2, score: 70 },
  ],
};

const VOLUME_TABLES: Record<PatternType, VolumeTable> = {
  SPRING: LIGHT_TEST,
  TEST: LIGHT_TEST,
  SOS: BREAKOUT,
  SOW: BREAKOUT,
  LPS: LAST_POINT,
  LPSY: LAST_POINT,
  UTAD: UPTHRUST,
};

/**
 * The volume score of contract §6's table in hundredths (75 is 0.75). Comparing the numbers is exact here: each
 * limit is the shortest decimal of its double, so ratio ≤ limit as doubles iff String(ratio) ≤ limit as decimals.
 */
export function volumeScoreHundredths(patternType: PatternType, volumeRatio: number): number {
  const table = VOLUME_TABLES[patternType];
  for (const rule of table.rules) {
    if (table.compare === "atMost" ? volumeRatio <= rule.limit : volumeRatio >= rule.limit) return rule.score;
  }
  return 0;
}

/** The volume score of contract §6's table for this pattern, as a decimal. */
export function volumeScore(patternType: PatternType, volumeRatio: number): Decimal {
  return new Decimal(formatUnits(volumeScoreHundredths(patternType, volumeRatio), 2));
}

/**
 * 100 × (0.40 × quality + 0.30 × phase + 0.30 × volume score) in hundredths, half up (9250 is 92.50): the
 * inputs read exactly as their decimal text, in BigInt because a double's text can carry seventeen digits.
 */
export function confidenceHundredths(patternQuality: number, phaseStrength: number, volume: Scaled): bigint {
  const fast = smallConfidence(patternQuality, phaseStrength, volume);
  if (fast !== null) return BigInt(fast);
  const quality = scaledOf(patternQuality);
  const phase = scaledOf(phaseStrength);
  const scale = Math.max(quality.scale, phase.scale, volume.scale);
  const sum = 4000n * unitsAt(quality, scale) + 3000n * unitsAt(phase, scale) + 3000n * unitsAt(volume, scale);
  return divideRounded(sum, pow10(scale), "half_up");
}

/** 100 × (0.40 × quality + 0.30 × phase + 0.30 × volume score), two places, half up. */
export function confidenceScore(patternQuality: number, phaseStrength: number, volume: Decimal): Decimal {
  return new Decimal(formatUnits(confidenceHundredths(patternQuality, phaseStrength, scaledOf(volume)), 2));
}

/** The same in plain numbers when both inputs have at most 11 places and every term stays a safe integer. */
function smallConfidence(patternQuality: number, phaseStrength: number, volume: Scaled): number | null {
  const quality = smallScaledOf(String(patternQuality));
  const phase = smallScaledOf(String(phaseStrength));
  if (!quality || !phase || volume.scale !== 2 || volume.units < 0n) return null;
  const scale = Math.max(quality.scale, phase.scale);
  if (scale > 11) return null;
  const sum =
    4000 * quality.units * POW10[scale - quality.scale]! +
    3000 * phase.units * POW10[scale - phase.scale]! +
    30 * Number(volume.units) * POW10[scale]!;
  if (sum > Number.MAX_SAFE_INTEGER) return null;
  const unit = POW10[scale]!;
  const rest = sum % unit;
  return (sum - rest) / unit + (2 * rest >= unit ? 1 : 0);
}
