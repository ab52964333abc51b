import { BarSeriesBuilder, type BuiltSeries, type SeriesOptions } from "./bar-series-builder";

/* The accumulation scenario script: draws a Wyckoff accumulation (and its near misses) with a BarSeriesBuilder. */

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
