import { timeframeMs, type Bar } from "../bar";
import { accumulationDefaults, appendAccumulation, type AccumulationShape } from "./accumulation-scenario";
import { BarSeriesBuilder, cents } from "./bar-series-builder";
import { appendDistribution, distributionDefaults, type DistributionShape } from "./distribution-scenario";
import { deriveSeed, SeededRandom } from "./seeded-random";

/*
 * A seeded, endless market for the demo feed. Each symbol wanders in a mean-reverting random walk and now
 * and then builds a full Wyckoff accumulation or distribution, drawn with the same builder the tests use.
 * Nothing here emits a pattern: the detector has to find the events in the bars, and it finds them only
 * as often as these shapes (and the odd random range) produce them.
 */

export interface DemoMarketOptions {
  symbols: readonly string[];
  seed: number;
  timeframe?: string;
  /** Open time of each symbol's first bar, epoch ms (default: now, rounded down to the bar). */
  startTime?: number;
}

export interface DemoMarket {
  readonly symbols: readonly string[];
  /**
   * The next closed bar of `symbol`. Bar times step by the timeframe from the start time; pass
   * `openTime` to place this bar yourself (e.g. at wall time). Throws for a symbol not in the market.
   */
  nextBar(symbol: string, openTime?: number): Bar;
}

/** Wandering between structures: bars per walk, volatility per bar, pull towards the anchor price. */
const WALK_BARS = { min: 180, max: 380 } as const;
const WALK_VOLATILITY = { min: 0.0012, max: 0.0025 } as const;
const WALK_REVERSION = 0.01;
/** Share of structures that are accumulations while price is at or below its anchor (mirror above it). */
const ACCUMULATION_BIAS = 0.7;
/** Range width (R − S) / S of a drawn structure. */
const STRUCTURE_WIDTH = { min: 0.06, max: 0.1 } as const;
/** The structure's far side sits this much beyond the current price, so it is approached from outside. */
const APPROACH_GAP = 0.03;
const VOLUME_NOISE = 0.25;

/** Typical prices and per-bar volumes for the demo tickers; anything else gets a price from its name. */
const PROFILES: Record<string, { price: number; volume: number }> = {
  AAPL: { price: 190, volume: 60_000 },
  MSFT: { price: 420, volume: 30_000 },
  NVDA: { price: 120, volume: 250_000 },
  TSLA: { price: 250, volume: 120_000 },
  SPY: { price: 520, volume: 80_000 },
  AMZN: { price: 180, volume: 50_000 },
};

interface SymbolFeed {
  random: SeededRandom;
  anchor: number;
  baseVolume: number;
  close: number;
  pending: Bar[];
  nextTime: number;
  walkNext: boolean;
}

/** Creates the demo market: per symbol an independent seeded stream, so call order does not change any symbol's bars. */
export function createDemoMarket(options: DemoMarketOptions): DemoMarket {
  const timeframe = options.timeframe ?? "1m";
  const stepMs = timeframeMs(timeframe);
  const startTime = options.startTime ?? Math.floor(Date.now() / stepMs) * stepMs;
  const feeds = new Map<string, SymbolFeed>();
  for (const symbol of options.symbols) {
    const random = new SeededRandom(deriveSeed(options.seed, symbol));
    const profile = PROFILES[symbol] ?? { price: 20 + (deriveSeed(0, symbol) % 480), volume: 40_000 };
    feeds.set(symbol, {
      random,
      anchor: profile.price,
      baseVolume: profile.volume,
      close: profile.price,
      pending: [],
      nextTime: startTime,
      // Start some symbols inside a structure and some wandering, so events do not all come in step.
      walkNext: random.chance(0.5),
    });
  }

  return {
    symbols: [...options.symbols],
    nextBar(symbol: string, openTime?: number): Bar {
      const feed = feeds.get(symbol);
      if (!feed) throw new RangeError(`demo market has no symbol ${symbol}`);
      if (feed.pending.length === 0) feed.pending = nextSegment(feed);
      const shape = feed.pending.shift() as Bar;
      const time = openTime ?? feed.nextTime;
      feed.nextTime = time + stepMs;
      return { ...shape, time };
    },
  };
}

/** The next stretch of bars: a random walk, or a structure drawn from where price is now. */
function nextSegment(feed: SymbolFeed): Bar[] {
  const { random } = feed;
  const builder = new BarSeriesBuilder({
    seed: random.int(1, 2 ** 31 - 1),
    startPrice: feed.close,
    baseVolume: feed.baseVolume,
    volumeNoise: VOLUME_NOISE,
  });
  if (feed.walkNext) {
    builder.randomWalk(random.int(WALK_BARS.min, WALK_BARS.max), {
      volatility: random.between(WALK_VOLATILITY.min, WALK_VOLATILITY.max),
      anchor: feed.anchor,
      reversion: WALK_REVERSION,
    });
  } else {
    const accumulate = feed.close <= feed.anchor ? random.chance(ACCUMULATION_BIAS) : !random.chance(ACCUMULATION_BIAS);
    if (accumulate) appendAccumulation(builder, randomAccumulation(random, feed.close));
    else appendDistribution(builder, randomDistribution(random, feed.close));
  }
  feed.walkNext = !feed.walkNext;
  const bars = builder.build();
  feed.close = builder.lastClose;
  return bars;
}

/** An accumulation below `price` with randomly chosen, mostly textbook, details. */
function randomAccumulation(random: SeededRandom, price: number): AccumulationShape {
  const resistance = cents(price / (1 + APPROACH_GAP));
  const support = cents(resistance / (1 + random.between(STRUCTURE_WIDTH.min, STRUCTURE_WIDTH.max)));
  const base = accumulationDefaults(support, resistance);
  const springLow = cents(support * (1 - random.between(0.006, 0.025)));
  const springVolume = random.between(0.3, 0.6);
  return {
    ...base,
    approachBars: random.int(6, 12),
    legBars: random.int(6, 9),
    extraTouches: random.int(0, 1),
    climaxVolume: random.between(2, 3.5),
    springLow,
    springVolume,
    reclaimAfter: random.int(0, 2),
    reclaimClose: cents(support * (1 + random.between(0.003, 0.012))),
    reclaims: random.chance(0.9),
    test: random.chance(0.5),
    testLow: cents(springLow * (1 + random.between(0.002, 0.02))),
    testVolume: springVolume * random.between(0.4, 0.8),
    sos: random.chance(0.8),
    sosClose: cents(resistance * (1 + random.between(0.012, 0.03))),
    sosVolume: random.between(2, 3.5),
    lps: random.chance(0.7),
    lpsLow: cents(resistance * (1 + random.between(-0.005, 0.015))),
    lpsVolume: random.between(0.4, 0.8),
    markupBars: random.int(8, 20),
  };
}

/** A distribution above `price` with randomly chosen, mostly textbook, details. */
function randomDistribution(random: SeededRandom, price: number): DistributionShape {
  const support = cents(price * (1 + APPROACH_GAP));
  const resistance = cents(support * (1 + random.between(STRUCTURE_WIDTH.min, STRUCTURE_WIDTH.max)));
  const base = distributionDefaults(support, resistance);
  return {
    ...base,
    approachBars: random.int(6, 12),
    legBars: random.int(6, 9),
    extraTouches: random.int(0, 1),
    climaxVolume: random.between(2, 3.5),
    utadHigh: cents(resistance * (1 + random.between(0.006, 0.025))),
    utadVolume: random.between(1.6, 2.8),
    returnAfter: random.int(0, 2),
    returnClose: cents(resistance * (1 - random.between(0.003, 0.012))),
    sow: random.chance(0.8),
    sowClose: cents(support * (1 - random.between(0.01, 0.025))),
    sowVolume: random.between(2, 3.5),
    lpsy: random.chance(0.5),
    lpsyHigh: cents(support * (1 - random.between(0.002, 0.008))),
    lpsyVolume: random.between(0.3, 0.6),
    markdownBars: random.int(8, 20),
  };
}
