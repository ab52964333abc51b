import type { PatternType } from "@/lib/pattern";
import type { TradingRange } from "./trading-range";
import { CLIMAX_MIN_VOLUME } from "./wyckoff-constants";

/** A step of a Wyckoff schematic the detector can recognise. */
export type PhaseStep = "SC" | "AR" | "ST" | "SPRING" | "SOS" | "LPS" | "BC" | "UTAD" | "SOW" | "LPSY";

/** Expected order of accumulation and distribution (wyckoff.md). */
const ACCUMULATION: readonly PhaseStep[] = ["SC", "AR", "ST", "SPRING", "SOS", "LPS"];
const DISTRIBUTION: readonly PhaseStep[] = ["BC", "UTAD", "SOW", "LPSY"];

/** The steps each event expects before it. A TEST belongs right after its spring. */
const EXPECTED_BEFORE: Record<PatternType, readonly PhaseStep[]> = {
  SPRING: ACCUMULATION.slice(0, 3),
  TEST: ACCUMULATION.slice(0, 4),
  SOS: ACCUMULATION.slice(0, 4),
  LPS: ACCUMULATION.slice(0, 5),
  UTAD: DISTRIBUTION.slice(0, 1),
  SOW: DISTRIBUTION.slice(0, 2),
  LPSY: DISTRIBUTION.slice(0, 3),
};

/**
 * phase_strength 0–1: (1 + expected earlier steps seen) / (1 + expected earlier steps). A spring after
 * a selling climax, automatic rally and secondary test scores 1; a bare SOS out of nowhere scores 0.2.
 */
export function phaseStrength(event: PatternType, seen: ReadonlySet<PhaseStep>): number {
  const expected = EXPECTED_BEFORE[event];
  const found = expected.filter((step) => seen.has(step)).length;
  return (1 + found) / (1 + expected.length);
}

/**
 * The opening steps the range's touches show, in order: a selling climax (first support touch on
 * climactic volume), an automatic rally (a resistance touch after it) and a secondary test (a later
 * support touch on less volume than the climax); and the buying climax (first resistance touch on
 * climactic volume) that opens a distribution.
 */
export function rangeOpeningSteps(range: TradingRange): Set<PhaseStep> {
  const steps = new Set<PhaseStep>();
  const climax = range.supportTouches[0];
  if (climax?.relVolume !== undefined && climax.relVolume >= CLIMAX_MIN_VOLUME) {
    steps.add("SC");
    const rally = range.resistanceTouches.find((touch) => touch.index > climax.index);
    if (rally) {
      steps.add("AR");
      const test = range.supportTouches.find((touch) => touch.index > rally.index && touch.volume < climax.volume);
      if (test) steps.add("ST");
    }
  }
  const buyingClimax = range.resistanceTouches[0];
  if (buyingClimax?.relVolume !== undefined && buyingClimax.relVolume >= CLIMAX_MIN_VOLUME) steps.add("BC");
  return steps;
}
