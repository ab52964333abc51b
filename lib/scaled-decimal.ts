/*
 * Exact decimals as scaled integers (issue 20): the money rules of contract §3 and §6 computed without decimal.js.
 * Two tiers: plain JavaScript numbers while every product provably stays below 2^53 (the per-user hot path),
 * and BigInt for everything else (huge equities, a risk % with seventeen digits, prices with more than two
 * places through the old APIs). Both give exactly what decimal.js gives; tests/integer-money.test.ts checks it.
 */

/** A decimal value exactly: units × 10^−scale, scale ≥ 0. */
export interface Scaled {
  units: bigint;
  scale: number;
}

/** Ties away from zero (decimal.js ROUND_HALF_UP), towards zero (ROUND_DOWN), away from zero (ROUND_UP), or floor. */
export type Rounding = "half_up" | "down" | "up" | "floor";

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const BIG_POW10: bigint[] = [];

/** 10^n as a bigint, cached. */
export function pow10(n: number): bigint {
  let cached = BIG_POW10[n];
  if (cached === undefined) {
    cached = 10n ** BigInt(n);
    BIG_POW10[n] = cached;
  }
  return cached;
}

/** A decimal string as decimal.js reads it (sign, digits, point, exponent), exactly; a RangeError otherwise. */
export function parseScaled(text: string): Scaled {
  const match = DECIMAL.exec(text);
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || whole + fraction === "") throw new RangeError(`not a decimal number: ${text}`);
  let units = BigInt(whole + fraction);
  let scale = fraction.length - Number(match[4] ?? 0);
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units: match[1] === "-" ? -units : units, scale };
}

/** A number, string or decimal.js value exactly as decimal.js would read it (`String(n)` for a number). */
export function scaledOf(value: string | number | { toString(): string }): Scaled {
  return parseScaled(typeof value === "string" ? value : String(value));
}

/** The units of `value` at a scale at least its own (exact). */
export function unitsAt(value: Scaled, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compareScaled(a: Scaled, b: Scaled): number {
  const scale = Math.max(a.scale, b.scale);
  const x = unitsAt(a, scale);
  const y = unitsAt(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** numerator / denominator as an integer, rounded as asked (denominator ≠ 0). */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = abs(numerator);
  const d = abs(denominator);
  let q = n / d;
  const r = n % d;
  if (r !== 0n) {
    const awayFromZero = rounding === "up" || (rounding === "half_up" && 2n * r >= d) || (rounding === "floor" && negative);
    if (awayFromZero) q += 1n;
  }
  return negative ? -q : q;
}

/** `value` at `places` decimal places, rounded as asked, as units of 10^−places. */
export function roundScaled(value: Scaled, places: number, rounding: Rounding): bigint {
  if (value.scale <= places) return unitsAt(value, places);
  return divideRounded(value.units, pow10(value.scale - places), rounding);
}

/** Fixed notation with exactly `places` places: formatUnits(7500n, 2) → "75.00" (decimal.js toFixed). */
export function formatUnits(units: bigint | number, places: number): string {
  const negative = units < 0;
  const digits = (negative ? -units : units).toString().padStart(places + 1, "0");
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/** decimal.js toString(): no trailing zeros, exponent notation below 1e-6 and from 1e21 on. */
export function plainString(value: Scaled): string {
  if (value.units === 0n) return "0";
  const negative = value.units < 0n;
  let digits = abs(value.units).toString();
  let scale = value.scale;
  while (scale > 0 && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    scale -= 1;
  }
  const exponent = digits.length - 1 - scale;
  let text: string;
  if (exponent <= -7 || exponent >= 21) {
    const mantissa = digits.replace(/0+$/, "");
    text = `${mantissa[0]}${mantissa.length > 1 ? `.${mantissa.slice(1)}` : ""}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
  } else {
    text = formatUnits(BigInt(digits), scale);
  }
  return negative ? `-${text}` : text;
}

// ---- The number tier: exact while every value is a safe integer. ----

/** 10^0 … 10^15, the powers of ten that are safe integers. */
export const POW10: readonly number[] = Array.from({ length: 16 }, (_, n) => 10 ** n);

/**
 * Units and scale of a plain non-negative decimal ("1.5" → 15 and 1) whose digits fit a safe integer;
 * null for anything else (an exponent, a sign, sixteen digits or more), which then takes the BigInt tier.
 */
export function smallScaledOf(text: string): { units: number; scale: number } | null {
  let units = 0;
  let scale = -1;
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 46 && scale < 0) scale = 0;
    else if (code >= 48 && code <= 57) {
      units = units * 10 + (code - 48);
      digits += 1;
      if (scale >= 0) scale += 1;
    } else return null;
  }
  // Fifteen digits are always below 2^53, so every step above was exact.
  if (digits === 0 || digits > 15) return null;
  return { units, scale: scale < 0 ? 0 : scale };
}

/** Two places from cents, as decimal.js toFixed(2) shows them: 7500 → "75.00". */
export function formatCents(cents: number): string {
  const magnitude = cents < 0 ? -cents : cents;
  const rest = magnitude % 100;
  const text = `${(magnitude - rest) / 100}.${rest < 10 ? "0" : ""}${rest}`;
  return cents < 0 ? `-${text}` : text;
}

/**
 * A plain non-negative decimal text ("149.4951") at two places in cents, rounded as asked, when it has at
 * most 13 digits before the point (PriceSchema allows 12); null otherwise (then parseScaled and roundScaled).
 */
export function textToCents(text: string, rounding: Exclude<Rounding, "floor">): number | null {
  let cents = 0;
  let whole = 0;
  let places = -1;
  let tail = 0; // 0: nothing after the cents; 1: below half a cent; 2: exactly half; 3: above half
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 46 && places < 0) {
      places = 0;
      continue;
    }
    if (code < 48 || code > 57) return null;
    const digit = code - 48;
    if (places < 0) {
      cents = cents * 10 + digit;
      whole += 1;
      if (whole > 13) return null;
    } else if (places < 2) {
      cents = cents * 10 + digit;
      places += 1;
    } else {
      if (places === 2) tail = digit > 5 ? 3 : digit === 5 ? 2 : digit > 0 ? 1 : 0;
      else if (digit > 0 && tail === 2) tail = 3;
      else if (digit > 0 && tail === 0) tail = 1;
      places += 1;
    }
  }
  if (whole === 0 && places <= 0) return null;
  for (let p = places < 0 ? 0 : places; p < 2; p += 1) cents *= 10;
  const up = rounding === "up" ? tail > 0 : rounding === "half_up" ? tail >= 2 : false;
  return up ? cents + 1 : cents;
}
