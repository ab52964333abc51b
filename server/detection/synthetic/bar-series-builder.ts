import { timeframeMs, type Bar } from "../bar";
import { SeededRandom } from "./seeded-random";

/*
 * Deterministic bar series with a chosen Wyckoff structure in them, for the tests and the demo market.
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

// ── Accumulation ─────────────────────────────────────────────────────────────────────────────

/** The accumulation to draw: S, R, and how each event looks. Volumes are multiples of the base volume. */
export interface AccumulationShape {
  support: number;
  resistance: number;
  /** Bars of the decline into the selling climax. */
  approachBars: number;
  /** Bars per swing between S and R. */
  legBars: number;
  /** Extra S-then-R touch pairs after the secondary test. */
  extraTouches: number;
  climaxVolume: number;
  springLow: number;
  springVolume: number;
  /** Bars after the spring bar until the close back above S (0: the spring bar itself closes above S). */
  reclaimAfter: number;
  reclaimClose: number;
  /** false draws a spring that never closes back above S (a breakdown). */
  reclaims: boolean;
  test: boolean;
  testLow: number;
  testVolume: number;
  sos: boolean;
  sosClose: number;
  sosVolume: number;
  lps: boolean;
  lpsLow: number;
  lpsVolume: number;
  /** Bars of markup after the structure. */
  markupBars: number;
}

/** Where the structure's bars are (indices into the series). */
export interface AccumulationMarks {
  climax: number;
  springBar: number;
  reclaim?: number;
  test?: number;
  sos?: number;
  lpsPullback?: number;
  lpsConfirm?: number;
}

/** Defaults of an accumulation between `support` and `resistance`: a textbook one. */
export function accumulationDefaults(support = 100, resistance = 110): AccumulationShape {
  const springLow = support * 0.985;
  return {
    support,
    resistance,
    approachBars: 30,
    legBars: 7,
    extraTouches: 0,
    climaxVolume: 2.5,
    springLow,
    springVolume: 0.5,
    reclaimAfter: 1,
    reclaimClose: support * 1.008,
    reclaims: true,
    test: true,
    testLow: springLow * 1.01,
    testVolume: 0.3,
    sos: true,
    sosClose: resistance * 1.025,
    sosVolume: 2.5,
    lps: true,
    lpsLow: resistance * 1.005,
    lpsVolume: 0.6,
    markupBars: 8,
  };
}

/**
 * Appends an accumulation: decline → selling climax at S → automatic rally to R → secondary test at S →
 * R again → (extra touches) → spring → reclaim → test → SOS → LPS → markup. Every part can be switched
 * off or reshaped to draw a near miss.
 */
export function appendAccumulation(builder: BarSeriesBuilder, shape: AccumulationShape): AccumulationMarks {
  const { support: s, resistance: r, legBars } = shape;
  builder.glideTo(s * 1.03, shape.approachBars);
  const climax = builder.bar({ high: builder.lastClose * 1.002, low: s, close: s * 1.012, volume: shape.climaxVolume });
  builder.legTo(r, legBars, { extremeVolume: 1.2 });
  builder.legTo(s, legBars, { extremeVolume: 0.8 });
  builder.legTo(r, legBars, { extremeVolume: 0.9 });
  for (let i = 0; i < shape.extraTouches; i++) {
    builder.legTo(s, legBars, { extremeVolume: 0.7 });
    builder.legTo(r, legBars, { extremeVolume: 0.8 });
  }

  const springClosesInside = shape.reclaims && shape.reclaimAfter === 0;
  const springBar = builder.legTo(shape.springLow, legBars, {
    extremeVolume: shape.springVolume,
    finalClose: springClosesInside ? shape.reclaimClose : s * 0.995,
  });
  const marks: AccumulationMarks = { climax, springBar };
  if (!shape.reclaims) {
    // Pokes back up to S intrabar but every close stays below it, then gives way.
    for (let i = 0; i < 8; i++) {
      builder.bar({ high: s * 1.002, low: shape.springLow * 1.003, close: s * (0.994 - 0.001 * i), volume: 0.9 });
    }
    builder.glideTo(shape.springLow * 0.97, 6);
    return marks;
  }
  for (let i = 1; i < shape.reclaimAfter; i++) {
    builder.bar({ high: s * 0.999, low: shape.springLow * 1.003, close: s * 0.994, volume: 1 });
  }
  marks.reclaim =
    shape.reclaimAfter === 0
      ? springBar
      : builder.bar({ high: shape.reclaimClose * 1.002, low: shape.springLow * 1.004, close: shape.reclaimClose, volume: 1.1 });

  if (shape.test) {
    builder.legTo(s * 1.03, 3);
    marks.test = builder.legTo(shape.testLow, 3, { extremeVolume: shape.testVolume, finalClose: s * 1.004 });
  }
  builder.glideTo(r * 0.988, legBars);
  if (!shape.sos) {
    builder.glideTo(r * 1.08, shape.markupBars);
    return marks;
  }
  const sosLow = r * 0.985;
  marks.sos = builder.bar({
    low: sosLow,
    close: shape.sosClose,
    high: shape.sosClose + (shape.sosClose - sosLow) * 0.08,
    volume: shape.sosVolume,
  });
  if (shape.lps) {
    marks.lpsPullback = builder.legTo(shape.lpsLow, 3, { extremeVolume: shape.lpsVolume, finalClose: shape.lpsLow * 1.004 });
    const bounce = shape.lpsLow * 1.018;
    marks.lpsConfirm = builder.bar({ high: bounce * 1.002, low: shape.lpsLow * 1.002, close: bounce, volume: 1 });
  }
  builder.glideTo(r * 1.09, shape.markupBars);
  return marks;
}

// ── Distribution ─────────────────────────────────────────────────────────────────────────────

/** The distribution to draw, the mirror of AccumulationShape. */
export interface DistributionShape {
  support: number;
  resistance: number;
  approachBars: number;
  legBars: number;
  extraTouches: number;
  climaxVolume: number;
  utadHigh: number;
  utadVolume: number;
  /** Bars after the UTAD bar until the close back below R (0: the UTAD bar itself closes below R). */
  returnAfter: number;
  returnClose: number;
  sow: boolean;
  sowClose: number;
  sowVolume: number;
  lpsy: boolean;
  lpsyHigh: number;
  lpsyVolume: number;
  markdownBars: number;
}

export interface DistributionMarks {
  climax: number;
  utadBar: number;
  utadReturn: number;
  sow?: number;
  lpsyRally?: number;
  lpsyConfirm?: number;
}

/** Defaults of a distribution between `support` and `resistance`: a textbook one. */
export function distributionDefaults(support = 100, resistance = 110): DistributionShape {
  return {
    support,
    resistance,
    approachBars: 30,
    legBars: 7,
    extraTouches: 0,
    climaxVolume: 2.5,
    utadHigh: resistance * 1.015,
    utadVolume: 1.8,
    returnAfter: 0,
    returnClose: resistance * 0.995,
    sow: true,
    sowClose: support * 0.985,
    sowVolume: 2.5,
    lpsy: true,
    lpsyHigh: support * 0.995,
    lpsyVolume: 0.5,
    markdownBars: 8,
  };
}

/**
 * Appends a distribution: advance → buying climax at R → automatic reaction to S → secondary test at R →
 * S again → (extra touches) → UTAD → SOW → LPSY → markdown.
 */
export function appendDistribution(builder: BarSeriesBuilder, shape: DistributionShape): DistributionMarks {
  const { support: s, resistance: r, legBars } = shape;
  builder.glideTo(r * 0.97, shape.approachBars);
  const climax = builder.bar({ high: r, low: builder.lastClose * 0.998, close: r * 0.988, volume: shape.climaxVolume });
  builder.legTo(s, legBars, { extremeVolume: 1.2 });
  builder.legTo(r, legBars, { extremeVolume: 0.8 });
  builder.legTo(s, legBars, { extremeVolume: 0.9 });
  for (let i = 0; i < shape.extraTouches; i++) {
    builder.legTo(r, legBars, { extremeVolume: 0.7 });
    builder.legTo(s, legBars, { extremeVolume: 0.8 });
  }

  const utadBar = builder.legTo(shape.utadHigh, legBars, {
    extremeVolume: shape.utadVolume,
    finalClose: shape.returnAfter === 0 ? shape.returnClose : r * 1.004,
  });
  for (let i = 1; i < shape.returnAfter; i++) {
    builder.bar({ high: r * 1.006, low: r * 1.001, close: r * 1.004, volume: 1 });
  }
  const utadReturn =
    shape.returnAfter === 0
      ? utadBar
      : builder.bar({ high: r * 1.005, low: shape.returnClose * 0.998, close: shape.returnClose, volume: 1.1 });
  const marks: DistributionMarks = { climax, utadBar, utadReturn };

  builder.glideTo(s * 1.012, legBars);
  if (!shape.sow) {
    builder.glideTo(s * 0.92, shape.markdownBars);
    return marks;
  }
  const sowHigh = builder.lastClose * 1.001;
  marks.sow = builder.bar({
    high: sowHigh,
    close: shape.sowClose,
    low: shape.sowClose - (sowHigh - shape.sowClose) * 0.08,
    volume: shape.sowVolume,
  });
  if (shape.lpsy) {
    builder.bar({ high: s * 0.991, low: shape.sowClose * 0.999, close: s * 0.989, volume: shape.lpsyVolume });
    marks.lpsyRally = builder.bar({ high: shape.lpsyHigh, low: s * 0.988, close: shape.lpsyHigh * 0.998, volume: shape.lpsyVolume });
    marks.lpsyConfirm = builder.bar({ high: shape.lpsyHigh * 0.999, low: s * 0.978, close: s * 0.98, volume: 1.2 });
  }
  builder.glideTo(s * 0.91, shape.markdownBars);
  return marks;
}

// ── Ready-made series ────────────────────────────────────────────────────────────────────────

/** A built series with the marks of its structure. */
export interface BuiltSeries<Marks> {
  bars: Bar[];
  marks: Marks;
}

/** A whole series: a decline from above R into a textbook accumulation with a spring (reshape with `shape`). */
export function buildAccumulationWithSpring(
  options: SeriesOptions & { shape?: Partial<AccumulationShape> } = {},
): BuiltSeries<AccumulationMarks> {
  const base = accumulationDefaults(options.shape?.support, options.shape?.resistance);
  const shape = { ...base, ...options.shape };
  const builder = new BarSeriesBuilder({ ...options, startPrice: options.startPrice ?? shape.resistance * 1.12 });
  const marks = appendAccumulation(builder, shape);
  return { bars: builder.build(), marks };
}

/** A whole series: an advance from below S into a textbook distribution with a UTAD (reshape with `shape`). */
export function buildDistributionWithUtad(
  options: SeriesOptions & { shape?: Partial<DistributionShape> } = {},
): BuiltSeries<DistributionMarks> {
  const base = distributionDefaults(options.shape?.support, options.shape?.resistance);
  const shape = { ...base, ...options.shape };
  const builder = new BarSeriesBuilder({ ...options, startPrice: options.startPrice ?? shape.support * 0.88 });
  const marks = appendDistribution(builder, shape);
  return { bars: builder.build(), marks };
}
