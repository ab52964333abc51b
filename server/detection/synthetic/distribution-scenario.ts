import { BarSeriesBuilder, type BuiltSeries, type SeriesOptions } from "./bar-series-builder";

/* The distribution scenario script: the mirror of the accumulation one, drawn with a BarSeriesBuilder. */

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
