import type { Random } from "./random";
import { drift, swing } from "./swing";
import { type Bounds, downCent, nearCent, type Tape, upCent } from "./tape";

/** A planted range: its extremes (S_min, R_max) and how noisy its walk is. */
export interface TradingBox {
  floor: number;
  ceiling: number;
  /** Path noise in price per √bar. */
  sigma: number;
  width: number;
}

export const insideBox = (box: TradingBox): Bounds => ({ floor: box.floor, ceiling: box.ceiling });

/** A support test: a low a little above S_min (the cluster the detector should see). */
export function nearFloor(box: TradingBox, rng: Random): number {
  return Math.max(box.floor + 0.01, upCent(box.floor * (1 + rng.uniform(0.0005, 0.006))));
}

export function nearCeiling(box: TradingBox, rng: Random): number {
  return Math.min(box.ceiling - 0.01, downCent(box.ceiling * (1 - rng.uniform(0.0005, 0.006))));
}

/**
 * Accumulation opening: a falling lead-in, a selling climax that sets S_min on heavy volume, an automatic
 * rally that sets R_max, a quieter secondary test. Distribution is the mirror (buying climax sets R_max).
 * Returns the climax bar's index: the range starts there.
 */
export function openRange(tape: Tape, rng: Random, box: TradingBox, side: "accumulation" | "distribution"): number {
  const inside = insideBox(box);
  const span = box.ceiling - box.floor;
  if (side === "accumulation") {
    drift(tape, rng, {
      to: box.floor * 1.02,
      bars: rng.int(26, 34),
      sigma: box.sigma,
      inside: { floor: upCent(box.floor * 1.01), ceiling: 1e9 },
    });
    const open = tape.close;
    const climax = tape.push({
      open,
      low: box.floor,
      close: nearCent(box.floor + (open - box.floor) * rng.uniform(0.3, 0.7)),
      relVolume: rng.uniform(2.2, 3.2),
    });
    swing(tape, rng, { extreme: box.ceiling, side: "high", bars: rng.int(6, 10), inside, sigma: box.sigma });
    swing(tape, rng, { extreme: nearFloor(box, rng), side: "low", bars: rng.int(5, 9), inside, sigma: box.sigma, volumeScale: 0.7 });
    return climax;
  }
  drift(tape, rng, {
    to: box.ceiling * 0.98,
    bars: rng.int(26, 34),
    sigma: box.sigma,
    inside: { floor: 0.01, ceiling: downCent(box.ceiling * 0.99) },
  });
  const open = tape.close;
  const climax = tape.push({
    open,
    high: box.ceiling,
    close: nearCent(box.ceiling - (box.ceiling - open) * rng.uniform(0.3, 0.7) - span * 0.05),
    relVolume: rng.uniform(2.2, 3.2),
    inside: { floor: box.floor + 0.01, ceiling: box.ceiling },
  });
  swing(tape, rng, { extreme: box.floor, side: "low", bars: rng.int(6, 10), inside, sigma: box.sigma });
  swing(tape, rng, { extreme: nearCeiling(box, rng), side: "high", bars: rng.int(5, 9), inside, sigma: box.sigma, volumeScale: 0.7 });
  return climax;
}

/**
 * Uneven swings between the extremes: legs of 5–12 bars; most reach a side, some early ones turn mid-range
 * (only in ranges wide enough that a mid-range turn cannot pass for a touch). The first leg leaves the side the tape is
 * on; about `swings` legs, one more when needed so the last one ends at `lastSide`.
 */
export function oscillate(tape: Tape, rng: Random, box: TradingBox, swings: number, lastSide: "low" | "high"): number {
  const inside = insideBox(box);
  let side: "low" | "high" = tape.close < (box.floor + box.ceiling) / 2 ? "high" : "low";
  const count = (swings % 2 === 1) === (side === lastSide) ? swings : swings + 1;
  let last = tape.next - 1;
  for (let i = 0; i < count; i++) {
    // The last four legs reach the extremes: a range the detector can know has two touches on each side.
    const midTurn = box.width >= 0.055 && i < count - 4 && rng.chance(0.3);
    const extreme = midTurn ? midRange(box, rng, side) : side === "low" ? nearFloor(box, rng) : nearCeiling(box, rng);
    last = swing(tape, rng, { extreme, side, bars: rng.int(5, 12), inside, sigma: box.sigma });
    side = side === "low" ? "high" : "low";
  }
  return last;
}

/** A turning point in the middle third, at least 2.5 % from either extreme so it never joins a touch cluster. */
function midRange(box: TradingBox, rng: Random, side: "low" | "high"): number {
  const low = box.floor * 1.025;
  const high = box.ceiling / 1.025;
  const price = low + (high - low) * rng.uniform(0.2, 0.8);
  return side === "low" ? upCent(price) : downCent(price);
}
