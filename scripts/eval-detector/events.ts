import type { PatternType } from "@/lib/pattern";
import { SOS_CONFIRM_BARS } from "@/server/detection/wyckoff-constants";
import type { Random } from "./random";
import { drift, swing } from "./swing";
import { downCent, nearCent, type Tape, upCent } from "./tape";
import { insideBox, nearCeiling, nearFloor, type TradingBox } from "./trading-box";

/** A planted event: the detector should report `type` at a bar in [from, to] (stream indices). */
export interface Label {
  type: PatternType;
  from: number;
  to: number;
}

/** A wide bar with its close at `closeAt` (0 = low, 1 = high) of its spread. */
export function wideBar(tape: Tape, o: { open: number; close: number; spreadAtr: number; relVolume: number; closeAt: number }): number {
  const spread = Math.max(Math.abs(o.close - o.open) * 1.15, o.spreadAtr * tape.averageRange());
  const low = downCent(o.close - o.closeAt * spread);
  const high = upCent(low + spread);
  return tape.push({
    open: o.open,
    close: o.close,
    low: Math.min(low, o.open, o.close),
    high: Math.max(high, o.open, o.close),
    relVolume: o.relVolume,
  });
}

/**
 * A spring below S_min: light volume (clean) or a heavy shakeout (a wide bar closing near its low, sometimes a
 * decisive close 1.5 % under S_min), reclaimed within 1–3 bars by a close well above the support cluster.
 * Then a quiet TEST of the low. A clean spring is a SPRING; a shakeout is not, and is never an SOW.
 */
export function springAndTest(tape: Tape, rng: Random, box: TradingBox, heavy: boolean): Label[] {
  const inside = insideBox(box);
  swing(tape, rng, {
    extreme: upCent(box.floor * (1 + rng.uniform(0.003, 0.008))),
    side: "low",
    bars: rng.int(4, 7),
    inside,
    sigma: box.sigma,
  });
  const open = tape.close;
  const depth = heavy ? rng.uniform(0.015, 0.035) : rng.uniform(0.006, 0.035);
  const low = downCent(box.floor * (1 - depth));
  let spring: number;
  if (heavy) {
    const decisive = rng.chance(0.5);
    const target = decisive ? downCent(box.floor * 0.985) : downCent(box.floor * (1 - rng.uniform(0.003, 0.008)));
    const close = Math.max(low + 0.01, Math.min(target, low + 0.25 * (open - low)));
    spring = wideBar(tape, { open, close: nearCent(close), spreadAtr: 1.6, relVolume: rng.uniform(2.0, 3.0), closeAt: 0.12 });
  } else {
    const close = Math.min(box.floor - 0.01, nearCent(box.floor * (1 - depth * rng.uniform(0.2, 0.5))));
    spring = tape.push({ open, close, low, relVolume: rng.uniform(0.3, 0.6) });
  }
  const springBar = tape.bars[spring]!;
  for (let hold = rng.int(0, heavy ? 1 : 2); hold > 0; hold--) {
    const close = Math.min(box.floor - 0.01, nearCent(box.floor * (1 - depth * rng.uniform(0.1, 0.4))));
    tape.push({
      close: Math.max(close, springBar.low + 0.02),
      low: springBar.low + 0.01,
      high: box.floor,
      relVolume: rng.uniform(0.5, 0.8),
    });
  }
  const reclaimClose = Math.min(upCent(box.floor * (1 + rng.uniform(0.012, 0.02))), box.ceiling - 0.02);
  const reclaim = tape.push({ close: reclaimClose, low: springBar.low + 0.01, relVolume: rng.uniform(0.8, 1.3) });
  const labels: Label[] = heavy ? [] : [{ type: "SPRING", from: reclaim, to: reclaim }];

  drift(tape, rng, {
    to: box.floor + (box.ceiling - box.floor) * rng.uniform(0.35, 0.6),
    bars: rng.int(2, 4),
    sigma: box.sigma * 0.3,
    inside: { floor: springBar.low + 0.02, ceiling: box.ceiling },
  });
  const testLow = Math.max(springBar.low + 0.01, upCent(springBar.low * (1 + rng.uniform(0.004, 0.02))));
  const test = swing(tape, rng, {
    extreme: testLow,
    side: "low",
    bars: rng.int(3, 5),
    inside,
    sigma: box.sigma * 0.5,
    finalRelVolume: Math.min(0.5, (springBar.volume / tape.meanVolume(20)) * 0.6),
  });
  // Any bar from the 3rd after the spring that meets the TEST rules is the test; the planted one is the last chance.
  labels.push({ type: "TEST", from: Math.max(spring + 3, reclaim + 1), to: test });
  return labels;
}

/** A wide, heavy close ≥ 1.5 % above R_max, then a quiet pullback to just above R_max and a bounce (LPS). */
export function signOfStrengthAndLps(tape: Tape, rng: Random, box: TradingBox): Label[] {
  swing(tape, rng, { extreme: nearCeiling(box, rng), side: "high", bars: rng.int(4, 8), inside: insideBox(box), sigma: box.sigma });
  const close = upCent(box.ceiling * (1 + rng.uniform(0.015, 0.03)));
  const sos = wideBar(tape, { open: tape.close, close, spreadAtr: 1.6, relVolume: rng.uniform(1.9, 3.0), closeAt: 0.92 });
  const sosBar = tape.bars[sos]!;
  const pullbackLow = upCent(box.ceiling * (1 + rng.uniform(0.003, 0.015)));
  const steps = rng.int(2, 4);
  let previous = sosBar;
  for (let i = 1; i <= steps; i++) {
    const low = downCent(Math.min(previous.low - 0.01, sosBar.close + ((pullbackLow - sosBar.close) * i) / steps));
    const barLow = i === steps ? pullbackLow : Math.max(low, pullbackLow + 0.01 * (steps - i + 1));
    const high = Math.min(previous.high, upCent(barLow + tape.averageRange() * 0.6));
    const index = tape.push({
      close: nearCent(barLow + (high - barLow) * rng.uniform(0.2, 0.5)),
      low: barLow,
      high,
      relVolume: rng.uniform(0.5, 0.85),
    });
    previous = tape.bars[index]!;
  }
  const bounce = tape.push({
    close: upCent(pullbackLow * (1 + rng.uniform(0.013, 0.025))),
    low: pullbackLow + 0.01,
    relVolume: rng.uniform(0.9, 1.3),
  });
  drift(tape, rng, {
    to: tape.close * 1.02,
    bars: rng.int(3, 5),
    sigma: box.sigma * 0.3,
    inside: { floor: pullbackLow + 0.02, ceiling: 1e9 },
  });
  // The SOS is confirmed once 5 bars pass without a close back below R, or earlier by its LPS (issue 21 §3).
  return [
    { type: "SOS", from: sos, to: sos + SOS_CONFIRM_BARS - 1 },
    { type: "LPS", from: bounce, to: bounce },
  ];
}

/** An upthrust above R_max on heavy volume (in one bar, or closing out and coming back within 1–2 bars). */
export function upthrust(tape: Tape, rng: Random, box: TradingBox): Label[] {
  swing(tape, rng, {
    extreme: downCent(box.ceiling * (1 - rng.uniform(0.003, 0.008))),
    side: "high",
    bars: rng.int(4, 7),
    inside: insideBox(box),
    sigma: box.sigma,
  });
  const high = upCent(box.ceiling * (1 + rng.uniform(0.006, 0.035)));
  const back = () => downCent(box.ceiling * (1 - rng.uniform(0.008, 0.015)));
  const relVolume = rng.uniform(1.6, 2.8);
  if (rng.chance(0.4)) {
    const utad = tape.push({ close: back(), high, relVolume });
    return [{ type: "UTAD", from: utad, to: utad }];
  }
  const open = tape.close;
  const low = downCent(Math.min(open, box.ceiling) - tape.averageRange() * 0.3);
  // Out above R_max, but closing in the lower half of its bar: a failed push, not a breakout.
  const close = Math.max(box.ceiling + 0.01, nearCent(Math.min(box.ceiling * 1.006, low + 0.5 * (high - low))));
  const utad = tape.push({ open, close, high, low, relVolume });
  for (let hold = rng.int(0, 1); hold > 0; hold--)
    tape.push({ close: box.ceiling + 0.01, high: high - 0.01, relVolume: rng.uniform(0.8, 1.2) });
  const ret = tape.push({ close: back(), high: high - 0.01, relVolume: rng.uniform(1.0, 1.5) });
  return [{ type: "UTAD", from: Math.min(utad, ret), to: ret }];
}

/**
 * A decisive breakdown (close ≤ S_min × 0.985, wide, heavy, near its low) that stays down through the spring
 * window, then a weak, narrow, light rally that stalls just under the old support and fails (LPSY).
 */
export function signOfWeaknessAndLpsy(tape: Tape, rng: Random, box: TradingBox): Label[] {
  swing(tape, rng, { extreme: nearFloor(box, rng), side: "low", bars: rng.int(4, 8), inside: insideBox(box), sigma: box.sigma });
  const close = downCent(box.floor * (1 - rng.uniform(0.015, 0.03)));
  const sow = wideBar(tape, { open: tape.close, close, spreadAtr: 1.6, relVolume: rng.uniform(1.9, 3.0), closeAt: 0.08 });
  const ceiling = downCent(box.floor * 0.985);
  for (let i = 0; i < 4; i++) {
    tape.push({
      close: downCent(tape.close * (1 - rng.uniform(0, 0.004))),
      inside: { floor: 0.01, ceiling },
      relVolume: rng.uniform(0.7, 1.1),
    });
  }
  for (let i = rng.int(1, 2); i > 0; i--) {
    tape.push({
      close: downCent(Math.min(ceiling, tape.close * (1 + rng.uniform(0.001, 0.004)))),
      inside: { floor: 0.01, ceiling },
      relVolume: rng.uniform(0.5, 0.8),
    });
  }
  const top = downCent(box.floor * (1 - rng.uniform(0.001, 0.004)));
  const narrow = tape.averageRange() * rng.uniform(0.4, 0.7);
  tape.push({
    open: nearCent(top - narrow * 0.8),
    close: nearCent(top - narrow * 0.4),
    high: top,
    low: downCent(top - narrow),
    relVolume: rng.uniform(0.4, 0.7),
  });
  const drop = tape.push({ close: downCent(top * (1 - rng.uniform(0.012, 0.025))), high: top - 0.01, relVolume: rng.uniform(1.0, 1.4) });
  drift(tape, rng, { to: tape.close * 0.98, bars: rng.int(3, 5), sigma: box.sigma * 0.3, inside: { floor: 0.01, ceiling: top - 0.02 } });
  // The SOW is confirmed on its bar, or once the spring window has passed without a reclaim.
  return [
    { type: "SOW", from: sow, to: sow + 5 },
    { type: "LPSY", from: drop, to: drop },
  ];
}
