import { LONG_PATTERNS, type PatternType, SHORT_PATTERNS } from "@/lib/pattern";
import type { Scenario } from "./scenarios";

export const EVENT_TYPES: readonly PatternType[] = [...LONG_PATTERNS, ...SHORT_PATTERNS];

/** A pattern the detector reported, at the index of the bar that confirmed it. */
export interface Detection {
  type: PatternType;
  index: number;
}

export interface EventScore {
  type: PatternType;
  planted: number;
  reported: number;
  matched: number;
  precision: number | null;
  recall: number | null;
}

export interface Evaluation {
  events: EventScore[];
  plainBars: number;
  plainFalse: number;
  /** False events per 1,000 bars of plain range. */
  falsePerThousand: number;
  scenarios: number;
  bars: number;
}

/**
 * Matches reports to planted labels of the same type whose bar window holds the report (each label at most
 * once, reports in order). Unmatched reports are false events; reports inside the plain stretch of a series
 * are also counted per 1,000 plain-range bars.
 */
export function score(runs: ReadonlyArray<{ scenario: Scenario; detections: readonly Detection[] }>): Evaluation {
  const tally = new Map(EVENT_TYPES.map((type) => [type, { planted: 0, reported: 0, matched: 0 }]));
  let plainBars = 0;
  let plainFalse = 0;
  let bars = 0;
  for (const { scenario, detections } of runs) {
    bars += scenario.bars.length;
    plainBars += scenario.plain.to - scenario.plain.from;
    const open = [...scenario.labels];
    for (const label of open) tally.get(label.type)!.planted += 1;
    for (const detection of detections) {
      const entry = tally.get(detection.type)!;
      entry.reported += 1;
      const at = open.findIndex((label) => label.type === detection.type && label.from <= detection.index && detection.index <= label.to);
      if (at >= 0) {
        entry.matched += 1;
        open.splice(at, 1);
      } else if (detection.index >= scenario.plain.from && detection.index < scenario.plain.to) {
        plainFalse += 1;
      }
    }
  }
  const events = EVENT_TYPES.map((type) => {
    const { planted, reported, matched } = tally.get(type)!;
    return {
      type,
      planted,
      reported,
      matched,
      precision: reported ? matched / reported : null,
      recall: planted ? matched / planted : null,
    };
  });
  return { events, plainBars, plainFalse, falsePerThousand: plainBars ? (1000 * plainFalse) / plainBars : 0, scenarios: runs.length, bars };
}
