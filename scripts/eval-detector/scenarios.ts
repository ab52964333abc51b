import type { Bar } from "@/server/detection/bar";
import { type Label, signOfStrengthAndLps, signOfWeaknessAndLpsy, springAndTest, upthrust } from "./events";
import { Random } from "./random";
import { nearCent, Tape } from "./tape";
import { oscillate, openRange, type TradingBox } from "./trading-box";
import { plantNearMiss, type NearMissKind } from "./near-misses";

export const SCENARIO_KINDS = ["plain", "spring", "shakeout", "breakout", "upthrust", "breakdown"] as const;
/** Near misses (near-misses.ts): run and scored like the others, and reported on their own. */
export const NEAR_MISS_KINDS = ["undercut", "failed-breakout", "quiet-upthrust"] as const satisfies readonly NearMissKind[];
export const ALL_KINDS = [...SCENARIO_KINDS, ...NEAR_MISS_KINDS] as const;
export type ScenarioKind = (typeof ALL_KINDS)[number];

/** One labelled series: the bars, the events planted in it, and the stretch of plain range before them. */
export interface Scenario {
  kind: ScenarioKind;
  seed: number;
  timeframe: string;
  bars: Bar[];
  labels: Label[];
  /** Bars [from, to) are plain range: from the opening climax to the first planted event's approach. */
  plain: { from: number; to: number };
  price: number;
  width: number;
}

const TIMEFRAME_MS = 300_000;
const WIDTHS = [0.04, 0.06, 0.09, 0.13] as const;

/**
 * One scenario of `kind` from `seed`: a range at a random price level ($2–$2,000) and width (4–13 %), a
 * random-walk lead-in and climax, uneven swings, and then the planted events (none for `plain`).
 */
export function buildScenario(kind: ScenarioKind, seed: number): Scenario {
  const rng = new Random(seed);
  const price = rng.logUniform(2, 2000);
  const width = rng.pick(WIDTHS) * rng.uniform(0.92, 1.08);
  const floor = nearCent(price);
  const ceiling = nearCent(floor * (1 + width));
  const box: TradingBox = { floor, ceiling, width, sigma: (ceiling - floor) * rng.uniform(0.06, 0.12) };
  const distribution =
    kind === "upthrust" ||
    kind === "breakdown" ||
    kind === "failed-breakout" ||
    kind === "quiet-upthrust" ||
    (kind === "plain" && rng.chance(0.5));
  const start = distribution ? floor * rng.uniform(0.88, 0.94) : ceiling * rng.uniform(1.06, 1.12);
  const tape = new Tape(
    rng,
    {
      start: Date.UTC(2026, 0, 5, 14, 30) + rng.int(0, 20) * 86_400_000,
      timeframeMs: TIMEFRAME_MS,
      barsPerSession: 78,
      baseVolume: rng.logUniform(2_000, 2_000_000),
      wick: width * rng.uniform(0.03, 0.07),
      gap: width * 0.06,
    },
    nearCent(start),
  );
  const climax = openRange(tape, rng, box, distribution ? "distribution" : "accumulation");
  const swings = kind === "plain" ? rng.int(10, 16) : rng.int(3, 7);
  // Every event's approach starts from the opposite side, so the range ends at the side away from the event.
  const awayFrom: "low" | "high" = kind === "spring" || kind === "shakeout" || kind === "breakdown" || kind === "undercut" ? "high" : "low";
  oscillate(tape, rng, box, swings, awayFrom);
  const plainTo = tape.next;
  const labels: Label[] = [];
  if (kind === "spring" || kind === "shakeout") {
    labels.push(...springAndTest(tape, rng, box, kind === "shakeout"));
    labels.push(...signOfStrengthAndLps(tape, rng, box));
  } else if (kind === "breakout") {
    labels.push(...signOfStrengthAndLps(tape, rng, box));
  } else if (kind === "upthrust") {
    labels.push(...upthrust(tape, rng, box));
    labels.push(...signOfWeaknessAndLpsy(tape, rng, box));
  } else if (kind === "breakdown") {
    labels.push(...signOfWeaknessAndLpsy(tape, rng, box));
  } else if (kind !== "plain") {
    labels.push(...plantNearMiss(kind, tape, rng, box));
  }
  return { kind, seed, timeframe: "5m", bars: tape.bars, labels, plain: { from: climax, to: plainTo }, price: floor, width };
}
