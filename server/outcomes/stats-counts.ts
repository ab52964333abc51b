import { Decimal } from "@/lib/decimal";
import type { StatsEntry } from "@/lib/market-outcome";
import { SCRATCH_HUNDREDTHS } from "./outcome-rules";

/** The figures of one statistics row before the divisions; R sums in hundredths (exact integers). */
export interface Counts {
  signals: number;
  taken: number;
  wins: number;
  losses: number;
  scratches: number;
  notFilled: number;
  noData: number;
  open: number;
  rSum: number;
  /** Admin only: per-trader rows behind the distinct patterns. */
  traderSignals?: number;
  traderTaken?: number;
}

export function emptyCounts(admin = false): Counts {
  const counts: Counts = { signals: 0, taken: 0, wins: 0, losses: 0, scratches: 0, notFilled: 0, noData: 0, open: 0, rSum: 0 };
  return admin ? { ...counts, traderSignals: 0, traderTaken: 0 } : counts;
}

/** Which column of Counts an outcome falls in (issue 21 §2): traded results by R, the rest apart. */
export function classify(
  result: string | null,
  rHundredths: number | null,
): "open" | "wins" | "losses" | "scratches" | "notFilled" | "noData" {
  if (result === null) return "open";
  if (result === "not_filled") return "notFilled";
  if (result === "no_data") return "noData";
  const r = rHundredths ?? 0;
  if (result === "timeout" && Math.abs(r) <= SCRATCH_HUNDREDTHS) return "scratches";
  return r > 0 ? "wins" : "losses";
}

/** Whether an outcome is a trade with R (it counts in expectancy and the curve). */
export function isTraded(result: string | null): boolean {
  return result === "stop" || result === "target" || result === "timeout";
}

export function addInto(target: Counts, counts: Counts): void {
  target.signals += counts.signals;
  target.taken += counts.taken;
  target.wins += counts.wins;
  target.losses += counts.losses;
  target.scratches += counts.scratches;
  target.notFilled += counts.notFilled;
  target.noData += counts.noData;
  target.open += counts.open;
  target.rSum += counts.rSum;
  if (target.traderSignals !== undefined) target.traderSignals += counts.traderSignals ?? 0;
  if (target.traderTaken !== undefined) target.traderTaken += counts.traderTaken ?? 0;
}

/** Adds `counts` to the group `key`. */
export function add(groups: Map<string, Counts>, key: string, counts: Counts, admin: boolean): void {
  const group = groups.get(key) ?? emptyCounts(admin);
  addInto(group, counts);
  groups.set(key, group);
}

/** Groups as rows, in the given order first (grades, patterns), then by name. */
export function entries(groups: Map<string, Counts>, order: readonly string[]): StatsEntry[] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([key, counts]) => entry(key, counts));
}

const twoPlaces = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();

/** One row: win_rate over wins + losses, expectancy_r over every traded outcome (scratches too); null without a sample. */
export function entry(key: string, counts: Counts): StatsEntry {
  const decided = counts.wins + counts.losses;
  const traded = decided + counts.scratches;
  return {
    key,
    signals: counts.signals,
    taken: counts.taken,
    wins: counts.wins,
    losses: counts.losses,
    open: counts.open,
    win_rate: decided === 0 ? null : twoPlaces(new Decimal(counts.wins).div(decided)),
    expectancy_r: traded === 0 ? null : twoPlaces(new Decimal(counts.rSum).div(traded).div(100)),
    scratches: counts.scratches,
    not_filled: counts.notFilled,
    no_data: counts.noData,
    win_rate_sample: decided,
    expectancy_sample: traded,
    ...(counts.traderSignals !== undefined ? { trader_signals: counts.traderSignals, trader_taken: counts.traderTaken ?? 0 } : {}),
  };
}
