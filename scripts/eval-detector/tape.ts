import type { Bar } from "@/server/detection/bar";
import type { Random } from "./random";

/** Prices of one bar kept within [floor, ceiling] (a plain range never leaves its extremes). */
export interface Bounds {
  floor: number;
  ceiling: number;
}

/** What a scenario asks of the next bar; everything left out is drawn like an ordinary bar. */
export interface BarSpec {
  close: number;
  open?: number;
  /** Exact low / high (already on a cent); otherwise a random wick. */
  low?: number;
  high?: number;
  /** Volume = this × the mean of the 20 bars before (the tape knows them), for events that need a given vol. */
  relVolume?: number;
  /** Multiplies the ordinary intraday volume (quiet tests, busy legs). */
  volumeScale?: number;
  inside?: Bounds;
}

export interface TapeOptions {
  /** Open time of the first bar (epoch ms, a session open). */
  start: number;
  timeframeMs: number;
  barsPerSession: number;
  baseVolume: number;
  /** Typical wick beyond the body, as a fraction of price. */
  wick: number;
  /** Standard deviation of the overnight gap, as a fraction of price. */
  gap: number;
}

const DAY_MS = 86_400_000;

export const upCent = (price: number) => Math.ceil(price * 100 - 1e-9) / 100;
export const downCent = (price: number) => Math.floor(price * 100 + 1e-9) / 100;
export const nearCent = (price: number) => Math.round(price * 100) / 100;

/**
 * A tape of 5-minute-style bars in sessions: overnight gaps, random wicks, prices on cents, and volume that
 * follows the intraday U (busy open, quiet lunch, busier close) with log-normal noise.
 */
export class Tape {
  readonly bars: Bar[] = [];

  constructor(
    private readonly rng: Random,
    private readonly o: TapeOptions,
    private lastClose: number,
  ) {}

  get close(): number {
    return this.lastClose;
  }

  /** Index the next bar will get. */
  get next(): number {
    return this.bars.length;
  }

  meanVolume(count = 20): number {
    const window = this.bars.slice(-count);
    return window.reduce((sum, bar) => sum + bar.volume, 0) / Math.max(1, window.length);
  }

  /** Mean true range of the last `count` bars. */
  averageRange(count = 14): number {
    const from = Math.max(1, this.bars.length - count);
    let sum = 0;
    let n = 0;
    for (let i = from; i < this.bars.length; i++) {
      const bar = this.bars[i]!;
      const before = this.bars[i - 1]!;
      sum += Math.max(bar.high - bar.low, Math.abs(bar.high - before.close), Math.abs(bar.low - before.close));
      n += 1;
    }
    return n > 0 ? sum / n : this.lastClose * this.o.wick * 4;
  }

  /** Appends one bar and returns its index. */
  push(spec: BarSpec): number {
    const index = this.bars.length;
    const slot = index % this.o.barsPerSession;
    const session = Math.floor(index / this.o.barsPerSession);
    const gapped = slot === 0 && index > 0 ? this.lastClose * (1 + this.rng.normal() * this.o.gap) : this.lastClose;
    const clamp = (price: number) => (spec.inside ? Math.min(spec.inside.ceiling, Math.max(spec.inside.floor, price)) : price);
    const open = clamp(nearCent(spec.open ?? gapped));
    const close = clamp(nearCent(spec.close));
    const wick = () => Math.abs(this.rng.normal()) * this.o.wick * close;
    let high = spec.high ?? upCent(clamp(Math.max(open, close) + wick()));
    let low = spec.low ?? downCent(clamp(Math.min(open, close) - wick()));
    high = Math.max(high, open, close);
    low = Math.max(0.01, Math.min(low, open, close));
    const volume =
      spec.relVolume !== undefined && this.bars.length >= 20
        ? spec.relVolume * this.meanVolume(20)
        : this.o.baseVolume *
          intradayProfile(slot, this.o.barsPerSession) *
          Math.exp(0.3 * this.rng.normal() - 0.045) *
          (spec.volumeScale ?? 1);
    this.bars.push({
      time: this.o.start + session * DAY_MS + slot * this.o.timeframeMs,
      open,
      high,
      low,
      close,
      volume: Math.max(1, Math.round(volume)),
    });
    this.lastClose = close;
    return index;
  }
}

/** Relative activity by position in the session: a U with a burst at the open. */
function intradayProfile(slot: number, barsPerSession: number): number {
  const x = (2 * slot) / Math.max(1, barsPerSession - 1) - 1;
  return (0.55 + 0.9 * x * x) * (slot === 0 ? 1.6 : 1);
}
