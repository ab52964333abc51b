import { Decimal, type DecimalValue } from "./decimal";
import { divideRounded, formatUnits, POW10, pow10, roundScaled, type Scaled, scaledOf, smallScaledOf, unitsAt } from "./scaled-decimal";

/*
 * contract §3 and §6.4 in exact integers (issue 20): prices and equity in cents, risk % and leverage as the
 * scaled integers their decimal text gives ("1.5" → 15 × 10^−1). decimal.js only wraps the old exports'
 * results; docs/money.md explains the representation and the BigInt fallback.
 */

/** Which bound set the share count: the risk budget or the buying power (contract §6.4). */
export type SizeLimit = "risk" | "buying_power";

export interface PositionSize {
  shares: number;
  /** shares × |entry − stop|, as "75.00". */
  riskAmount: string;
  /** shares × entry: what the position costs (at most equity × max_leverage). */
  positionValue: string;
  /** equity × risk %: what the trader allows to lose on one trade. */
  riskBudget: string;
  /** floor(equity × risk % / |entry − stop|): the shares the risk budget alone allows. */
  riskShares: number;
  /** floor(equity × max_leverage / entry): the shares the buying power alone allows. */
  buyingPowerShares: number;
  sizeLimitedBy: SizeLimit;
}

export interface SizingInput {
  equity: DecimalValue;
  riskPercentage: DecimalValue;
  maxLeverage: DecimalValue;
  entry: DecimalValue;
  stop: DecimalValue;
}

/** A trader's sizing settings as stored: equity "5000.00", risk % "1.5" (String of the number), leverage 4. */
export interface SizingTrader {
  equity: string;
  riskPercentage: string;
  maxLeverage: number;
}

/** The share count for one trader, money in cents (safe integers). */
export interface CentSizing {
  shares: number;
  riskShares: number;
  buyingPowerShares: number;
  /** shares × |entry − stop|. */
  riskAmountCents: number;
  /** shares × entry. */
  positionValueCents: number;
  sizeLimitedBy: SizeLimit;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The hot path: shares = min(floor(equity × risk% / |entry − stop|), floor(equity × max_leverage / entry)) for
 * an entry and a risk per share in cents. Plain integer arithmetic while every product stays below 2^53
 * (any equity up to 10^11 at a risk % of up to 4 places), BigInt otherwise. A tie counts as `risk`.
 */
export function sizeInCents(entryCents: number, perShareCents: number, trader: SizingTrader): CentSizing {
  const equity = smallScaledOf(trader.equity);
  const risk = smallScaledOf(trader.riskPercentage);
  const lev = Number.isSafeInteger(trader.maxLeverage)
    ? { units: trader.maxLeverage, scale: 0 }
    : smallScaledOf(String(trader.maxLeverage));
  if (equity && risk && lev && lev.units >= 0 && equity.scale <= 2 && entryCents > 0 && perShareCents >= 0) {
    const equityCents = equity.units * POW10[2 - equity.scale]!;
    // shares = floor(equity¢ × riskUnits / (100 × 10^riskScale × perShare¢)), and the same for buying power.
    const riskTop = equityCents * risk.units;
    const riskBottom = perShareCents * 100 * POW10[risk.scale]!;
    const powerTop = equityCents * lev.units;
    const powerBottom = entryCents * POW10[lev.scale]!;
    if (riskTop <= MAX_SAFE && riskBottom <= MAX_SAFE && powerTop <= MAX_SAFE && powerBottom <= MAX_SAFE) {
      const riskShares = perShareCents === 0 ? 0 : (riskTop - (riskTop % riskBottom)) / riskBottom;
      const buyingPowerShares = (powerTop - (powerTop % powerBottom)) / powerBottom;
      const limitedByBuyingPower = buyingPowerShares < riskShares;
      const shares = limitedByBuyingPower ? buyingPowerShares : riskShares;
      // Both products are at most the tops above (the floors keep them there), so they are exact.
      return {
        shares,
        riskShares,
        buyingPowerShares,
        riskAmountCents: shares * perShareCents,
        positionValueCents: shares * entryCents,
        sizeLimitedBy: limitedByBuyingPower ? "buying_power" : "risk",
      };
    }
  }
  const exact = sizeExact({
    equity: scaledOf(trader.equity),
    riskPercentage: scaledOf(trader.riskPercentage),
    maxLeverage: scaledOf(trader.maxLeverage),
    entry: { units: BigInt(entryCents), scale: 2 },
    stop: { units: BigInt(entryCents - perShareCents), scale: 2 },
  });
  return {
    shares: Number(exact.shares),
    riskShares: Number(exact.riskShares),
    buyingPowerShares: Number(exact.buyingPowerShares),
    riskAmountCents: Number(roundScaled(exact.riskAmount, 2, "half_up")),
    positionValueCents: Number(roundScaled(exact.positionValue, 2, "half_up")),
    sizeLimitedBy: exact.sizeLimitedBy,
  };
}

interface ExactSizingInput {
  equity: Scaled;
  riskPercentage: Scaled;
  maxLeverage: Scaled;
  entry: Scaled;
  stop: Scaled;
}

/** The same sizing in BigInt for any scales and sizes (the old API's arbitrary decimals, huge values). */
function sizeExact(input: ExactSizingInput): {
  shares: bigint;
  riskShares: bigint;
  buyingPowerShares: bigint;
  riskAmount: Scaled;
  positionValue: Scaled;
  sizeLimitedBy: SizeLimit;
} {
  const s = Math.max(input.entry.scale, input.stop.scale);
  const entry = unitsAt(input.entry, s);
  const difference = entry - unitsAt(input.stop, s);
  const perShare = difference < 0n ? -difference : difference;
  const { equity, riskPercentage: risk, maxLeverage: lev } = input;
  // budget / perShare = (E × R / 10^(eS+rS+2)) / (d / 10^s); equity × lev / entry likewise.
  const riskShares =
    perShare === 0n ? 0n : divideRounded(equity.units * risk.units * pow10(s), pow10(equity.scale + risk.scale + 2) * perShare, "floor");
  const buyingPowerShares =
    entry === 0n ? 0n : divideRounded(equity.units * lev.units * pow10(s), pow10(equity.scale + lev.scale) * entry, "floor");
  const limitedByBuyingPower = buyingPowerShares < riskShares;
  const shares = limitedByBuyingPower ? buyingPowerShares : riskShares;
  return {
    shares,
    riskShares,
    buyingPowerShares,
    riskAmount: { units: shares * perShare, scale: s },
    positionValue: { units: shares * entry, scale: s },
    sizeLimitedBy: limitedByBuyingPower ? "buying_power" : "risk",
  };
}

/** equity × risk % / 100 at two places, half up: what the trader allows to lose on one trade. */
export function riskBudgetText(equity: DecimalValue, riskPercentage: DecimalValue): string {
  const e = scaledOf(equity);
  const r = scaledOf(riskPercentage);
  return formatUnits(roundScaled({ units: e.units * r.units, scale: e.scale + r.scale + 2 }, 2, "half_up"), 2);
}

/** equity × max_leverage at two places, half up: the buying power. */
export function buyingPowerText(equity: DecimalValue, maxLeverage: DecimalValue): string {
  const e = scaledOf(equity);
  const l = scaledOf(maxLeverage);
  return formatUnits(roundScaled({ units: e.units * l.units, scale: e.scale + l.scale }, 2, "half_up"), 2);
}

/** |target − entry| / |entry − stop| in hundredths, half up; 0 when entry = stop. */
export function rMultipleHundredths(entry: Scaled, stop: Scaled, target: Scaled): bigint {
  const s = Math.max(entry.scale, stop.scale, target.scale);
  const e = unitsAt(entry, s);
  const risk = e - unitsAt(stop, s);
  if (risk === 0n) return 0n;
  const reward = unitsAt(target, s) - e;
  return divideRounded(100n * (reward < 0n ? -reward : reward), risk < 0n ? -risk : risk, "half_up");
}

/** |target − entry| / |entry − stop|, two places, half up. */
export function rMultiple(entry: DecimalValue, stop: DecimalValue, target: DecimalValue): Decimal {
  return new Decimal(formatUnits(rMultipleHundredths(scaledOf(entry), scaledOf(stop), scaledOf(target)), 2));
}

/**
 * Fixed-fractional sizing, then the buying-power cap: shares = min(floor(equity × risk% / |entry − stop|),
 * floor(equity × max_leverage / entry)). A tie counts as `risk`: the cap did not take anything away.
 * Any decimals (BigInt); the pipeline's per-user path is sizeInCents.
 */
export function positionSize(input: SizingInput): PositionSize {
  const exact = sizeExact({
    equity: scaledOf(input.equity),
    riskPercentage: scaledOf(input.riskPercentage),
    maxLeverage: scaledOf(input.maxLeverage),
    entry: scaledOf(input.entry),
    stop: scaledOf(input.stop),
  });
  return {
    shares: Number(exact.shares),
    riskAmount: formatUnits(roundScaled(exact.riskAmount, 2, "half_up"), 2),
    positionValue: formatUnits(roundScaled(exact.positionValue, 2, "half_up"), 2),
    riskBudget: riskBudgetText(input.equity, input.riskPercentage),
    riskShares: Number(exact.riskShares),
    buyingPowerShares: Number(exact.buyingPowerShares),
    sizeLimitedBy: exact.sizeLimitedBy,
  };
}
