import { Decimal, toMoneyString, type DecimalValue } from "./decimal";

/** |target − entry| / |entry − stop|, two places, half up. */
export function rMultiple(entry: DecimalValue, stop: DecimalValue, target: DecimalValue): Decimal {
  const risk = new Decimal(entry).minus(stop).abs();
  if (risk.isZero()) return new Decimal(0);
  return new Decimal(target).minus(entry).abs().div(risk).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Which bound set the share count: the risk budget or the buying power (SPEC §6.4). */
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

/**
 * Fixed-fractional sizing, then the buying-power cap: shares = min(floor(equity × risk% / |entry − stop|),
 * floor(equity × max_leverage / entry)). A tie counts as `risk`: the cap did not take anything away.
 */
export function positionSize(input: SizingInput): PositionSize {
  const entry = new Decimal(input.entry);
  const perShare = entry.minus(input.stop).abs();
  const equity = new Decimal(input.equity);
  const budget = equity.times(input.riskPercentage).div(100);
  const riskShares = perShare.isZero() ? new Decimal(0) : budget.div(perShare).floor();
  const buyingPowerShares = entry.isZero() ? new Decimal(0) : equity.times(input.maxLeverage).div(entry).floor();
  const limitedByBuyingPower = buyingPowerShares.lt(riskShares);
  const shares = limitedByBuyingPower ? buyingPowerShares : riskShares;
  return {
    shares: shares.toNumber(),
    riskAmount: toMoneyString(shares.times(perShare)),
    positionValue: toMoneyString(shares.times(entry)),
    riskBudget: toMoneyString(budget),
    riskShares: riskShares.toNumber(),
    buyingPowerShares: buyingPowerShares.toNumber(),
    sizeLimitedBy: limitedByBuyingPower ? "buying_power" : "risk",
  };
}
