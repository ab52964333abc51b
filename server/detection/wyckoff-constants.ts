/**
 * Every threshold of the Wyckoff detector, in one place so it can be tuned (see /work/shared/wyckoff.md).
 * Ratios are fractions: 0.02 means 2 %. "vol" is relative volume (bar volume / mean of the previous 20).
 */

// ── Indicators ────────────────────────────────────────────────────────────────────────────────
/** Bars on each side a pivot high (low) must out-top (under-cut). */
export const PIVOT_SPAN = 5;
/** Bars averaged for relative volume. */
export const RELATIVE_VOLUME_LOOKBACK = 20;
/** Intraday relative volume per time of day: the same clock slot on up to this many previous sessions is averaged. */
export const TIME_OF_DAY_VOLUME_SESSIONS = 10;
/** Fewer previous sessions than this at a slot: fall back to the plain RELATIVE_VOLUME_LOOKBACK mean. */
export const TIME_OF_DAY_VOLUME_MIN_SESSIONS = 3;
/** Bars in the average true range. */
export const ATR_PERIOD = 14;

// ── Trading range ────────────────────────────────────────────────────────────────────────────
/** A range spans at least this many bars, first touch to the current bar. */
export const RANGE_MIN_BARS = 10;
/** Pivot touches needed on each side. */
export const RANGE_MIN_TOUCHES_PER_SIDE = 2;
/** Clustered pivots lie within this fraction of each other (max / min − 1). */
export const RANGE_CLUSTER_TOLERANCE = 0.02;
/** Minimum width (R − S) / S. */
export const RANGE_MIN_WIDTH = 0.03;
/** How far back a range search looks for pivots, in bars. */
export const RANGE_MAX_LOOKBACK_BARS = 200;
/** The range is over when more than this many consecutive closes sit outside [S_min, R_max]: no spring or UTAD stays out longer. */
export const RANGE_MAX_CLOSES_OUTSIDE = 5;
/** The range is over once a bar trades beyond S_min or R_max by more than this (no spring/UTAD goes further). */
export const RANGE_MAX_EXCURSION = 0.05;
/** A climax touch (selling climax at S, buying climax at R) has at least this relative volume. */
export const CLIMAX_MIN_VOLUME = 1.5;

/** Range quality: a range this long, with this many touches, scores full marks on those parts. */
export const RANGE_QUALITY_IDEAL_BARS = 40;
export const RANGE_QUALITY_IDEAL_TOUCHES = 8;
/** Range quality weights: length, touches, cluster tightness, volume falling on later tests (sum 1). */
export const RANGE_QUALITY_WEIGHTS = { length: 0.3, touches: 0.25, tightness: 0.25, fallingVolume: 0.2 } as const;
/** Volume part of range quality when there is no pair of same-side touches to compare (neutral). */
export const RANGE_QUALITY_NEUTRAL_VOLUME = 0.5;

/** pattern_quality = this share of range quality + the rest from how clean the event bar itself is. */
export const RANGE_QUALITY_SHARE = 0.7;
export const EVENT_CLARITY_SHARE = 0.3;
/** Clarity score of an event outside its ideal band (springs and UTADs off the 1–2 % sweet spot). */
export const OFF_IDEAL_CLARITY = 0.5;

// ── Projection ───────────────────────────────────────────────────────────────────────────────
/** k for ranges shorter than the first tier of PROJECTION_K_TIERS. */
export const PROJECTION_K_CONSERVATIVE = 1.0;
/** k by range length in bars, longest first: a longer cause projects a larger effect. */
export const PROJECTION_K_TIERS = [
  { minBars: 40, k: 3.0 },
  { minBars: 25, k: 2.5 },
  { minBars: 15, k: 2.0 },
] as const;

// ── SPRING ───────────────────────────────────────────────────────────────────────────────────
/** The spring low undercuts S_min (the lowest support pivot) by more than 0 and at most this much. */
export const SPRING_MAX_PENETRATION = 0.05;
/**
 * A spring's low (an upthrust's high) must go past S_min (R_max) by at least max(PROBE_MIN_TICKS ticks,
 * PROBE_MIN_ATR_SHARE × ATR of the bars before it): a one-cent undercut is noise, not a spring (issue 21 §3).
 */
export const PROBE_MIN_TICKS = 2;
export const PROBE_MIN_ATR_SHARE = 0.1;
/** One tick: the smallest price step, a cent (PRICE_DECIMALS). */
export const TICK_SIZE = 0.01;
/** The ideal penetration band (scores full clarity). */
export const SPRING_IDEAL_PENETRATION_MIN = 0.01;
export const SPRING_IDEAL_PENETRATION_MAX = 0.02;
/** A close back above S must come within this many bars, counting the first piercing bar. */
export const SPRING_MAX_RECLAIM_BARS = 5;
/** A spring whose low bar has at most this relative volume is clean (SPRING); heavier is a shakeout. */
export const SPRING_MAX_CLEAN_VOLUME = 0.7;
/** Stop = spring low × (1 − (BASE + PER_PENETRATION × penetration)): deeper springs get more room. */
export const SPRING_STOP_BASE_BUFFER = 0.0025;
export const SPRING_STOP_BUFFER_PER_PENETRATION = 0.25;

// ── TEST ─────────────────────────────────────────────────────────────────────────────────────
/** The test comes this many bars after the spring bar (inclusive). */
export const TEST_MIN_BARS_AFTER_SPRING = 3;
export const TEST_MAX_BARS_AFTER_SPRING = 15;
/** Its low lies within this fraction above the spring low, never below it. */
export const TEST_MAX_DISTANCE_FROM_SPRING_LOW = 0.03;
/** Entry = S × (1 + this). */
export const TEST_ENTRY_ABOVE_SUPPORT = 0.005;
/** Bars after the confirming one that the TEST's entry order (S × 1.005) stays valid for. */
export const TEST_ENTRY_VALID_BARS = 5;
/** Stop = spring low × (1 − this). */
export const TEST_STOP_BUFFER = 0.005;

// ── SOS / SOW (breakout bars) ────────────────────────────────────────────────────────────────
/** SOS: close ≥ R_max × (1 + this), judged against the extreme, not the mean R (issue 21 §3). */
export const SOS_MIN_CLOSE_ABOVE_RESISTANCE = 0.01;
/**
 * An SOS bar is confirmed after this many bars (itself included) without a close back below R, the mirror of the
 * SOW's spring window: a close back inside makes it a UTAD (wyckoff.md amendments).
 */
export const SOS_CONFIRM_BARS = 5;
/** SOS: relative volume at least this. */
export const SOS_MIN_VOLUME = 1.5;
/** SOS and SOW bars are wide: spread (high − low) ≥ this × ATR of the bars before. */
export const WIDE_BAR_ATR_MULTIPLE = 1.2;
/** SOS: close in the top 30 % of the bar, i.e. (close − low) / spread ≥ this. */
export const SOS_MIN_CLOSE_POSITION = 0.7;
/** SOS: stop = R × (1 − this). */
export const SOS_STOP_BELOW_RESISTANCE = 0.05;
/** SOW: relative volume at least this. */
export const SOW_MIN_VOLUME = 1.5;
/** SOW: close in the lower 30 % of the bar, i.e. (close − low) / spread ≤ this. */
export const SOW_MAX_CLOSE_POSITION = 0.3;
/** SOW: stop = S × (1 + this). */
export const SOW_STOP_ABOVE_SUPPORT = 0.05;
/** SOW: decisive close ≤ S_min × (1 − this); a close just under S is noise or a spring in the making. */
export const SOW_MIN_CLOSE_BELOW_SUPPORT = 0.01;
/** Breakout clarity: the spread part reaches full marks at this many ATRs (the minimum is WIDE_BAR_ATR_MULTIPLE). */
export const BREAKOUT_CLARITY_FULL_SPREAD_ATR = 2.4;

// ── LPS ──────────────────────────────────────────────────────────────────────────────────────
/** The pullback low comes within this many bars after the SOS. */
export const LPS_MAX_BARS_AFTER_SOS = 10;
/** Pullback low ≤ R × (1 + this) … */
export const LPS_MAX_LOW_ABOVE_RESISTANCE = 0.03;
/** … and not below R × (1 − this); lower than that the breakout has failed. */
export const LPS_MAX_LOW_BELOW_RESISTANCE = 0.02;
/** Then a close ≥ pullback low × (1 + this) … */
export const LPS_MIN_BOUNCE = 0.01;
/** … within this many bars after the pullback bar. */
export const LPS_MAX_BOUNCE_BARS = 3;
/** Entry = the confirming bar's close (wyckoff.md amendments); stop = R × (1 − this). */
export const LPS_STOP_BELOW_RESISTANCE = 0.03;

// ── UTAD ─────────────────────────────────────────────────────────────────────────────────────
/** The UTAD high exceeds R_max (the highest resistance pivot) by more than 0 and at most this much. */
export const UTAD_MAX_OVERSHOOT = 0.05;
export const UTAD_IDEAL_OVERSHOOT_MIN = 0.01;
export const UTAD_IDEAL_OVERSHOOT_MAX = 0.02;
/** Relative volume of the UTAD high bar, at least. */
export const UTAD_MIN_VOLUME = 1.2;
/** A close back below R must come within this many bars, counting the first bar above R. */
export const UTAD_MAX_RETURN_BARS = 5;
/** Stop = UTAD high × (1 + BASE + PER_OVERSHOOT × overshoot), the mirror of the spring stop. */
export const UTAD_STOP_BASE_BUFFER = 0.0025;
export const UTAD_STOP_BUFFER_PER_OVERSHOOT = 0.25;

// ── LPSY ─────────────────────────────────────────────────────────────────────────────────────
/** The rally comes within this many bars after the SOW. */
export const LPSY_MAX_BARS_AFTER_SOW = 10;
/** Rally bar relative volume at most this. */
export const LPSY_MAX_VOLUME = 0.8;
/** Narrow: spread ≤ this × ATR of the bars before. */
export const LPSY_MAX_SPREAD_ATR = 1.0;
/**
 * The rally high reaches S × (1 − this) but stays below S. It must reach the entry level
 * (S × 0.99), otherwise a short at that level would never have been filled.
 */
export const LPSY_MAX_HIGH_BELOW_SUPPORT = 0.01;
/** A high above S × (1 + this) means the breakdown failed: stop watching. */
export const LPSY_MAX_HIGH_ABOVE_SUPPORT = 0.02;
/** Then a close ≤ rally high × (1 − this) … */
export const LPSY_MIN_DROP = 0.01;
/** … within this many bars after the rally bar. */
export const LPSY_MAX_DROP_BARS = 3;
/** Entry = the confirming bar's close (the LPS mirror); stop = rally high × (1 + this). */
export const LPSY_STOP_BUFFER = 0.005;

// ── Output ───────────────────────────────────────────────────────────────────────────────────
/** Prices go out as decimal strings with this many places. */
export const PRICE_DECIMALS = 2;
/** pattern_quality, phase_strength and volume_ratio are rounded to this many places. */
export const SCORE_DECIMALS = 2;
/** PatternSchema caps volume_ratio here. */
export const MAX_VOLUME_RATIO = 1000;
