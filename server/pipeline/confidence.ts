import { Decimal } from "@/lib/decimal";
import type { PatternType } from "@/lib/pattern";

type VolumeRule = { readonly limit: number; readonly score: number };
type VolumeTable = { readonly compare: "atMost" | "atLeast"; readonly rules: readonly VolumeRule[] };

// SPEC §6: quiet tests want light volume, breakouts want heavy volume.
const LIGHT_TEST: VolumeTable = {
  compare: "atMost",
  rules: [
    { limit: 0.4, score: 1 },
    { limit: 0.5, score: 0.9 },
    { limit: 0.6, score: 0.75 },
    { limit: 0.7, score: 0.6 },
  ],
};
const BREAKOUT: VolumeTable = {
  compare: "atLeast",
  rules: [
    { limit: 2.0, score: 1 },
    { limit: 1.8, score: 0.9 },
    { limit: 1.6, score: 0.75 },
    { limit: 1.5, score: 0.6 },
  ],
};
const LAST_POINT: VolumeTable = {
  compare: "atMost",
  rules: [
    { limit: 0.6, score: 1 },
    { limit: 0.9, score: 0.8 },
    { limit: 1.1, score: 0.6 },
  ],
};
const UPTHRUST: VolumeTable = {
  compare: "atLeast",
  rules: [
    { limit: 2.5, score: 1 },
    { limit: 2.0, score: 0.9 },
    { limit: 1.5, score: 0.8 },
    { limit: 1.2, score: 0.7 },
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

export const CONFIDENCE_WEIGHTS = { patternQuality: "0.40", phaseStrength: "0.30", volume: "0.30" } as const;

/** The volume score of SPEC §6's table for this pattern, compared in decimals so edges stay edges. */
export function volumeScore(patternType: PatternType, volumeRatio: number): Decimal {
  const table = VOLUME_TABLES[patternType];
  const ratio = new Decimal(String(volumeRatio));
  for (const rule of table.rules) {
    const hit = table.compare === "atMost" ? ratio.lte(String(rule.limit)) : ratio.gte(String(rule.limit));
    if (hit) return new Decimal(String(rule.score));
  }
  return new Decimal(0);
}

/** 100 × (0.40 × quality + 0.30 × phase + 0.30 × volume score), two places, half up. */
export function confidenceScore(patternQuality: number, phaseStrength: number, volume: Decimal): Decimal {
  return new Decimal(CONFIDENCE_WEIGHTS.patternQuality)
    .times(String(patternQuality))
    .plus(new Decimal(CONFIDENCE_WEIGHTS.phaseStrength).times(String(phaseStrength)))
    .plus(new Decimal(CONFIDENCE_WEIGHTS.volume).times(volume))
    .times(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
