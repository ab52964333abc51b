import { Decimal, toMoneyString } from "@/lib/decimal";
import type { EntryOrderType } from "@/lib/pattern";
import { rHundredthsAt } from "./outcome-rules";

/** What the market watch knows of one open pattern (a `pattern_watch` row, prices as decimal strings). */
export interface WatchState {
  direction: "long" | "short";
  /** The pattern's own bar length in ms: coarser bars never count. */
  frameMs: number;
  approvedAt: number;
  deadline: number;
  entryType: EntryOrderType;
  /** The entry order's price (the entry price for a market order). */
  orderPrice: string;
  stop: string;
  target: string;
  validBars: number;
  watchedTo: number;
  entryBars: number;
  fillPrice: string | null;
  fillAt: number | null;
  lastClose: string | null;
}

/** A closed bar with its own length; `time` is its open time (epoch ms). */
export interface WatchBar {
  time: number;
  frameMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface Decision {
  result: "stop" | "target" | "timeout" | "not_filled" | "no_data";
  /** The exit price (stop, target, gapped open, last close), or the unfilled order's price. */
  price: string;
  at: number;
  /** Hundredths of R from the fill; 0 for `not_filled` and `no_data`. */
  r: number;
}

export type BarEffect = { kind: "skip" } | { kind: "late" } | { kind: "applied"; state: WatchState; decision: Decision | null };

const d = (value: number | string) => new Decimal(String(value));

/**
 * Applies one bar to an open pattern (issue 21 §2). A bar counts only when it is of the pattern's timeframe
 * or finer, opens at or after approval and closes after the last bar applied; one closing after the deadline
 * is `late` (the caller times the pattern out first). Until the entry order trades, the bar may fill it; from
 * the fill on, the stop or target may close it. Prices are exact decimals; bars arrive as numbers.
 */
export function applyBar(state: WatchState, bar: WatchBar): BarEffect {
  const closeAt = bar.time + bar.frameMs;
  if (bar.frameMs > state.frameMs || bar.time < state.approvedAt || closeAt <= state.watchedTo) return { kind: "skip" };
  if (closeAt > state.deadline) return { kind: "late" };
  const next: WatchState = { ...state, watchedTo: closeAt };
  let wholeBar = true;
  if (next.fillPrice === null) {
    const fill = fillOf(next, bar);
    if (!fill) {
      if (bar.frameMs === next.frameMs) next.entryBars += 1;
      if (next.entryBars < next.validBars) return { kind: "applied", state: next, decision: null };
      return { kind: "applied", state: next, decision: { result: "not_filled", price: next.orderPrice, at: closeAt, r: 0 } };
    }
    next.fillPrice = fill.price;
    next.fillAt = fill.atOpen ? bar.time : closeAt;
    // Filled inside the bar: what happened before the fill is unknown, so only the stop counts (conservative).
    wholeBar = fill.atOpen;
  }
  const exit = exitOf(next, bar, wholeBar);
  if (exit) {
    const r = rHundredthsAt(exit.price, next.fillPrice, next.orderPrice, next.stop);
    return { kind: "applied", state: next, decision: { result: exit.result, price: toMoneyString(exit.price), at: closeAt, r } };
  }
  next.lastClose = String(bar.close);
  return { kind: "applied", state: next, decision: null };
}

/**
 * The outcome at the deadline: a filled trade times out at the last close inside its window; an order that
 * saw bars but never traded is `not_filled`; one that saw no bar at all is `no_data` (never the entry price).
 */
export function timeoutOf(state: WatchState): Decision {
  if (state.fillPrice !== null && state.lastClose !== null) {
    const r = rHundredthsAt(state.lastClose, state.fillPrice, state.orderPrice, state.stop);
    return { result: "timeout", price: toMoneyString(state.lastClose), at: state.deadline, r };
  }
  const result = state.watchedTo > 0 ? "not_filled" : "no_data";
  return { result, price: state.orderPrice, at: state.deadline, r: 0 };
}

/** Whether the entry order trades in this bar, at what price, and whether at the bar's open. */
function fillOf(state: WatchState, bar: WatchBar): { price: string; atOpen: boolean } | null {
  const long = state.direction === "long";
  const order = d(state.orderPrice);
  const open = d(bar.open);
  // A market order enters at the confirming close (the entry price) with the first bar that counts.
  if (state.entryType === "market") return { price: state.orderPrice, atOpen: true };
  if (state.entryType === "limit") {
    // Buy limit: the low reaches it. Booked at the limit even when the bar opened below it (conservative).
    const reached = long ? d(bar.low).lte(order) : d(bar.high).gte(order);
    return reached ? { price: state.orderPrice, atOpen: long ? open.lte(order) : open.gte(order) } : null;
  }
  // Buy stop: the high reaches it; a bar opening beyond it fills at that (worse) open.
  const reached = long ? d(bar.high).gte(order) : d(bar.low).lte(order);
  if (!reached) return null;
  const gapped = long ? open.gte(order) : open.lte(order);
  return { price: gapped ? String(bar.open) : state.orderPrice, atOpen: gapped };
}

/**
 * Stop or target in this bar. An open beyond the stop exits at the open (R beyond −1); an open beyond the
 * target books the target (not the better open: conservative); otherwise a bar reaching both is the stop.
 */
function exitOf(state: WatchState, bar: WatchBar, wholeBar: boolean): { result: "stop" | "target"; price: string } | null {
  const long = state.direction === "long";
  const stop = d(state.stop);
  const target = d(state.target);
  const open = d(bar.open);
  const atOrBelow = (price: Decimal, level: Decimal) => (long ? price.lte(level) : price.gte(level));
  const atOrAbove = (price: Decimal, level: Decimal) => (long ? price.gte(level) : price.lte(level));
  if (wholeBar && atOrBelow(open, stop)) return { result: "stop", price: String(bar.open) };
  if (wholeBar && atOrAbove(open, target)) return { result: "target", price: state.target };
  if (atOrBelow(d(long ? bar.low : bar.high), stop)) return { result: "stop", price: state.stop };
  if (wholeBar && atOrAbove(d(long ? bar.high : bar.low), target)) return { result: "target", price: state.target };
  return null;
}
