import { timeframeMs, type Bar } from "../bar";
import { SeededRandom } from "./seeded-random";

/*
 * Deterministic bar series, for the tests and the demo market; the scenario scripts
 * (accumulation-scenario.ts, distribution-scenario.ts) draw Wyckoff structures with it.
 * Prices are whole cents. Structure legs are monotone, so the only pivots are the turning points the
 * caller placed: a touch "at S" is a pivot low at exactly S, nothing else lands in the S or R clusters.
 */

export interface SeriesOptions {
  /** PRNG seed for volume noise and leg jitter. */
  seed?: number;
  /** Open time of the first bar, epoch ms. */
  startTime?: number;
  /** Bar size, for the bar times. */
  timeframe?: string;
  /** Close "before" the first bar: the first bar opens here. */
  startPrice?: number;
  /** Volume of a 1.0 bar. */
  baseVolume?: number;
  /** Volume noise: each bar's volume is scaled by a factor in [1 − noise, 1 + noise]. */
  volumeNoise?: number;
}

/** Shape of one bar for BarSeriesBuilder.bar(); volume is a multiple of the base volume. */
export interface BarSpec {
  open?: number;
  high: number;
  low: number;
  close: number;
  volume?: number;
}

/** Options of a leg: volume multiples of its ordinary bars and of its last bar. */
export interface LegOptions {
  volume?: number;
  extremeVolume?: number;
  /** Close of the last bar (default: just inside the extreme). */
  finalClose?: number;
}

const DEFAULT_START_TIME = Date.UTC(2026, 0, 5, 14, 30);
/** Wicks are at most this share of a leg's step and this fraction of price, so legs stay monotone. */
const WICK_SHARE_OF_STEP = 0.35;
const MAX_WICK_FRACTION = 0.002;
/** The last bar of a leg closes this far back from its extreme (share of step, fraction of price). */
const FINAL_CLOSE_SHARE_OF_STEP = 0.5;
const MAX_FINAL_CLOSE_FRACTION = 0.003;
/** Leg closes wander by up to this share of a step around the straight line. */
const JITTER_SHARE_OF_STEP = 0.15;

/** Round to whole cents. */
export function cents(price: number): number {
  return Math.round(price * 100) / 100;
}

/** Appends bars one shape at a time; `bars` holds the series built so far. */
export class BarSeriesBuilder {
  readonly bars: Bar[] = [];
  readonly random: SeededRandom;
  private readonly stepMs: number;
  private readonly startTime: number;
  private readonly baseVolume: number;
  private readonly volumeNoise: number;
  private close: number;

  constructor(options: SeriesOptions = {}) {
    this.random = new SeededRandom(options.seed ?? 1);
    this.stepMs = timeframeMs(options.timeframe ?? "5m");
    this.startTime = options.startTime ?? DEFAULT_START_TIME;
    this.baseVolume = options.baseVolume ?? 10_000;
    this.volumeNoise = options.volumeNoise ?? 0.1;
    this.close = cents(options.startPrice ?? 100);
  }

  /** Close of the last bar (or the start price). */
  get lastClose(): number {
    return this.close;
  }

  /** Index the next bar will get. */
  get nextIndex(): number {
    return this.bars.length;
  }

  /** Appends one bar (opening at the last close unless told); high and low widen to cover open and close. Returns its index. */
  bar(spec: BarSpec): number {
    const open = cents(spec.open ?? this.close);
    const close = cents(spec.close);
    const high = Math.max(cents(spec.high), open, close);
    const low = Math.min(cents(spec.low), open, close);
    const index = this.bars.length;
    this.bars.push({ time: this.startTime + index * this.stepMs, open, high, low, close, volume: this.volume(spec.volume ?? 1) });
    this.close = close;
    return index;
  }

  /**
   * A monotone move over `count` bars whose last bar's high (moving up) or low (moving down) is exactly
   * `extreme`. Returns the index of that last bar.
   */
  legTo(extreme: number, count: number, options: LegOptions = {}): number {
    const start = this.close;
    const up = extreme > start;
    const step = Math.abs(extreme - start) / count;
    const finalOffset = Math.min(step * FINAL_CLOSE_SHARE_OF_STEP, extreme * MAX_FINAL_CLOSE_FRACTION);
    const finalClose = options.finalClose ?? (up ? extreme - finalOffset : extreme + finalOffset);
    this.walkCloses(start, finalClose, count - 1, count, up, step, options.volume ?? 1);
    const open = this.close;
    const wick = Math.min(step * WICK_SHARE_OF_STEP, open * MAX_WICK_FRACTION);
    return up
      ? this.bar({
          high: extreme,
          low: this.backWick(open, finalClose, wick, true),
          close: finalClose,
          volume: options.extremeVolume ?? options.volume ?? 1,
        })
      : this.bar({
          high: this.backWick(open, finalClose, wick, false),
          low: extreme,
          close: finalClose,
          volume: options.extremeVolume ?? options.volume ?? 1,
        });
  }

  /** A monotone move of the closes to `close` over `count` bars, with no exact extreme. */
  glideTo(close: number, count: number, options: { volume?: number } = {}): void {
    const start = this.close;
    const up = close > start;
    const step = Math.abs(close - start) / count;
    this.walkCloses(start, close, count, count, up, step, options.volume ?? 1);
  }

  /**
   * A mean-reverting random walk (log returns with volatility `volatility` per bar, pulled towards
   * `anchor`); volume grows with the size of the move, as it does in real markets.
   */
  randomWalk(count: number, options: { volatility: number; anchor: number; reversion?: number }): void {
    const reversion = options.reversion ?? 0.01;
    for (let i = 0; i < count; i++) {
      const open = this.close;
      const shock = this.random.normal();
      const drift = -reversion * Math.log(open / options.anchor);
      const close = open * Math.exp(options.volatility * shock + drift);
      const high = Math.max(open, close) * (1 + Math.abs(this.random.normal()) * options.volatility * 0.5);
      const low = Math.min(open, close) * (1 - Math.abs(this.random.normal()) * options.volatility * 0.5);
      this.bar({ high, low, close, volume: 0.75 + 0.35 * Math.abs(shock) });
    }
  }

  /** The series built so far. */
  build(): Bar[] {
    return [...this.bars];
  }

  /** `count` bars of a straight line of `total` steps from `start` towards `end`, with jitter. */
  private walkCloses(start: number, end: number, count: number, total: number, up: boolean, step: number, volume: number): void {
    for (let i = 1; i <= count; i++) {
      const open = this.close;
      const jitter = (this.random.next() * 2 - 1) * JITTER_SHARE_OF_STEP * step;
      const close = start + ((end - start) * i) / total + jitter;
      const wick = Math.min(step * WICK_SHARE_OF_STEP, open * MAX_WICK_FRACTION);
      const front = up ? Math.max(open, close) + 0.6 * wick : Math.min(open, close) - 0.6 * wick;
      const back = this.backWick(open, close, wick, up);
      this.bar(up ? { high: front, low: back, close, volume } : { high: back, low: front, close, volume });
    }
  }

  /**
   * The wick on the side a leg moves away from. Kept halfway between the body and the previous bar's
   * extreme on that side, so a leg never re-tests the turning point it started from.
   */
  private backWick(open: number, close: number, wick: number, up: boolean): number {
    const previous = this.bars[this.bars.length - 1];
    if (up) {
      const body = Math.min(open, close);
      return previous ? Math.max(body - 0.6 * wick, (previous.low + body) / 2) : body - 0.6 * wick;
    }
    const body = Math.max(open, close);
    return previous ? Math.min(body + 0.6 * wick, (previous.high + body) / 2) : body + 0.6 * wick;
  }

  private volume(multiple: number): number {
    const noise = 1 + (this.random.next() * 2 - 1) * this.volumeNoise;
    return Math.max(1, Math.round(this.baseVolume * multiple * noise));
  }
}

/** A built series with the marks of its structure. */
export interface BuiltSeries<Marks> {
  bars: Bar[];
  marks: Marks;
}
