import type { PatternType } from "@/lib/pattern";
import { UTAD_MIN_VOLUME } from "@/server/detection/wyckoff-constants";
import { type Label, wideBar } from "./events";
import type { Random } from "./random";
import { swing } from "./swing";
import { downCent, type Tape, upCent } from "./tape";
import { insideBox, type TradingBox } from "./trading-box";

/*
 * Issue 21 §4: series that come close to an event without being one, so the table is not tuned to the rules'
 * easy cases only. Each plants no label (or the event it really is) and names the event it must not produce.
 */

export type NearMissKind = "undercut" | "failed-breakout" | "quiet-upthrust";

/** The event a near miss must not produce. */
export const NEAR_MISS_FORBIDDEN: Record<NearMissKind, PatternType> = {
  undercut: "SPRING",
  "failed-breakout": "SOS",
  "quiet-upthrust": "UTAD",
};

/** A light-volume dip one tick under S_min that closes back above S: too shallow to be a spring. */
function oneTickUndercut(tape: Tape, rng: Random, box: TradingBox): Label[] {
  swing(tape, rng, { extreme: upCent(box.floor * 1.004), side: "low", bars: rng.int(4, 7), inside: insideBox(box), sigma: box.sigma });
  tape.push({ close: upCent(box.floor * 1.003), low: box.floor - 0.01, relVolume: rng.uniform(0.3, 0.6) });
  tape.push({ close: upCent(box.floor * (1 + rng.uniform(0.012, 0.02))), low: box.floor + 0.01, relVolume: rng.uniform(0.8, 1.2) });
  swing(tape, rng, { extreme: upCent(box.floor * 1.03), side: "high", bars: rng.int(4, 7), inside: insideBox(box), sigma: box.sigma });
  return [];
}

/** A wide, heavy close 1.5–3 % above R_max that closes back below R two bars later: an upthrust, not an SOS. */
function failedBreakout(tape: Tape, rng: Random, box: TradingBox): Label[] {
  swing(tape, rng, { extreme: downCent(box.ceiling * 0.995), side: "high", bars: rng.int(4, 8), inside: insideBox(box), sigma: box.sigma });
  const close = upCent(box.ceiling * (1 + rng.uniform(0.015, 0.03)));
  const sos = wideBar(tape, { open: tape.close, close, spreadAtr: 1.6, relVolume: rng.uniform(1.9, 3.0), closeAt: 0.92 });
  tape.push({ close: upCent(box.ceiling * 1.004), high: tape.bars[sos]!.high - 0.01, relVolume: rng.uniform(0.8, 1.2) });
  const back = tape.push({ close: downCent(box.ceiling * (1 - rng.uniform(0.01, 0.02))), relVolume: rng.uniform(1.0, 1.4) });
  swing(tape, rng, { extreme: downCent(box.ceiling * 0.97), side: "low", bars: rng.int(4, 7), inside: insideBox(box), sigma: box.sigma });
  return [{ type: "UTAD", from: sos, to: back }];
}

/** A one-bar upthrust above R_max on volume just under the UTAD minimum (1.2): noise, not a UTAD. */
function quietUpthrust(tape: Tape, rng: Random, box: TradingBox): Label[] {
  swing(tape, rng, { extreme: downCent(box.ceiling * 0.994), side: "high", bars: rng.int(4, 7), inside: insideBox(box), sigma: box.sigma });
  const high = upCent(box.ceiling * (1 + rng.uniform(0.008, 0.02)));
  tape.push({ close: downCent(box.ceiling * 0.988), high, relVolume: UTAD_MIN_VOLUME * rng.uniform(0.85, 0.97) });
  swing(tape, rng, { extreme: downCent(box.ceiling * 0.97), side: "low", bars: rng.int(4, 7), inside: insideBox(box), sigma: box.sigma });
  return [];
}

/** Plants the near miss of `kind` after the plain range. */
export function plantNearMiss(kind: NearMissKind, tape: Tape, rng: Random, box: TradingBox): Label[] {
  if (kind === "undercut") return oneTickUndercut(tape, rng, box);
  if (kind === "failed-breakout") return failedBreakout(tape, rng, box);
  return quietUpthrust(tape, rng, box);
}
