import type { PatternType } from "@/lib/pattern";
import type { Touch, TradingRange } from "./trading-range";
import { CLIMAX_MIN_VOLUME } from "./wyckoff-constants";

/**
 * A step of a Wyckoff schematic the detector can recognise. The distribution's automatic reaction and
 * secondary test are their own steps (AR_DIST, ST_DIST): an accumulation's AR must not count for a UTAD.
 */
export type PhaseStep = "SC" | "AR" | "ST" | "SPRING" | "SOS" | "LPS" | "BC" | "AR_DIST" | "ST_DIST" | "UTAD" | "SOW" | "LPSY";

/** The steps seen so far and the stream index of the bar each happened at. */
export type StepLog = ReadonlyMap<PhaseStep, number>;

/** Expected order of accumulation and of its mirror, distribution (wyckoff.md). */
const ACCUMULATION: readonly PhaseStep[] = ["SC", "AR", "ST", "SPRING", "SOS", "LPS"];
const DISTRIBUTION: readonly PhaseStep[] = ["BC", "AR_DIST", "ST_DIST", "UTAD", "SOW", "LPSY"];

/** The steps each event expects before it; mirror events expect mirror steps. A TEST belongs right after its spring. */
const EXPECTED_BEFORE: Record<PatternType, readonly PhaseStep[]> = {
  SPRING: ACCUMULATION.slice(0, 3),
  TEST: ACCUMULATION.slice(0, 4),
  SOS: ACCUMULATION.slice(0, 4),
  LPS: ACCUMULATION.slice(0, 5),
  UTAD: DISTRIBUTION.slice(0, 3),
  SOW: DISTRIBUTION.slice(0, 4),
  LPSY: DISTRIBUTION.slice(0, 5),
};

/**
 * phase_strength 0–1: (1 + expected earlier steps credited) / (1 + expected earlier steps). A step is credited
 * only in schematic order: it must come after the last credited one. A spring after a selling climax,
 * automatic rally and secondary test scores 1; a bare SPRING or UTAD 0.25, a bare SOS or SOW 0.2.
 */
export function phaseStrength(event: PatternType, seen: StepLog): number {
  const expected = EXPECTED_BEFORE[event];
  let credited = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const step of expected) {
    const at = seen.get(step);
    if (at === undefined || at <= last) continue;
    credited += 1;
    last = at;
  }
  return (1 + credited) / (1 + expected.length);
}

/**
 * The opening steps the range's touches show. The climax must open the range (its first touch, on climactic
 * volume): a selling climax at support, then an automatic rally (the first resistance touch after it) and a
 * secondary test (a later support touch on less volume than the climax). A buying climax is the mirror. A
 * heavy touch later in the range is just a heavy touch.
 */
export function rangeOpeningSteps(range: TradingRange): Map<PhaseStep, number> {
  const steps = new Map<PhaseStep, number>();
  const open = (climax: Touch | undefined, same: readonly Touch[], other: readonly Touch[], names: readonly PhaseStep[]) => {
    if (!climax || climax.index !== range.startIndex || climax.relVolume === undefined || climax.relVolume < CLIMAX_MIN_VOLUME) return;
    const [climaxStep, reactionStep, testStep] = names as [PhaseStep, PhaseStep, PhaseStep];
    steps.set(climaxStep, climax.index);
    const reaction = other.find((touch) => touch.index > climax.index);
    if (!reaction) return;
    steps.set(reactionStep, reaction.index);
    const test = same.find((touch) => touch.index > reaction.index && touch.volume < climax.volume);
    if (test) steps.set(testStep, test.index);
  };
  open(range.supportTouches[0], range.supportTouches, range.resistanceTouches, ACCUMULATION);
  open(range.resistanceTouches[0], range.resistanceTouches, range.supportTouches, DISTRIBUTION);
  return steps;
}
