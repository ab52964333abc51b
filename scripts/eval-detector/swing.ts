import type { Random } from "./random";
import { type Bounds, downCent, type Tape, upCent } from "./tape";

export interface SwingOptions {
  /** The swing's extreme: the low of its last bar (side "low") or the high (side "high"), exactly. */
  extreme: number;
  side: "low" | "high";
  bars: number;
  /** Every price of the swing stays inside these. */
  inside: Bounds;
  /** Noise of the path around its straight line, in price per √bar. */
  sigma: number;
  volumeScale?: number;
  /** Relative volume of the turning bar, when the scenario needs it (a quiet test). */
  finalRelVolume?: number;
}

/**
 * A leg of random walk from the tape's close to an extreme (a Brownian bridge, so it wanders but arrives);
 * no bar before the last trades beyond the extreme, so the last bar is the swing's turning point.
 */
export function swing(tape: Tape, rng: Random, o: SwingOptions): number {
  const start = tape.close;
  const down = o.side === "low";
  // The last close sits off the extreme, as a turning bar's close does.
  const bounce = (0.15 + 0.5 * rng.next()) * Math.max(o.sigma, 0.01);
  const lastClose = down ? o.extreme + bounce : o.extreme - bounce;
  const steps = Array.from({ length: o.bars }, () => rng.normal());
  const total = steps.reduce((sum, step) => sum + step, 0);
  const before: Bounds = down
    ? { floor: upCent(o.extreme + 0.01), ceiling: o.inside.ceiling }
    : { floor: o.inside.floor, ceiling: downCent(o.extreme - 0.01) };
  let walked = 0;
  let last = tape.next;
  for (let i = 1; i < o.bars; i++) {
    walked += steps[i - 1]!;
    const bridge = walked - (i / o.bars) * total;
    const close = start + ((lastClose - start) * i) / o.bars + o.sigma * bridge;
    last = tape.push({ close, inside: before, volumeScale: o.volumeScale });
  }
  const finalBounds: Bounds = down ? { floor: o.extreme, ceiling: o.inside.ceiling } : { floor: o.inside.floor, ceiling: o.extreme };
  last = tape.push({
    close: lastClose,
    inside: finalBounds,
    volumeScale: o.volumeScale,
    relVolume: o.finalRelVolume,
    ...(down ? { low: o.extreme } : { high: o.extreme }),
  });
  return last;
}

/** A drift toward `to` over `bars` bars with noise and no exact extreme (lead-ins, rallies after events). */
export function drift(
  tape: Tape,
  rng: Random,
  o: { to: number; bars: number; sigma: number; inside?: Bounds; volumeScale?: number },
): number {
  const start = tape.close;
  let last = tape.next - 1;
  for (let i = 1; i <= o.bars; i++) {
    const close = start + ((o.to - start) * i) / o.bars + o.sigma * 0.5 * rng.normal();
    last = tape.push({ close, inside: o.inside, volumeScale: o.volumeScale });
  }
  return last;
}
