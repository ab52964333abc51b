import { Decimal, toMoneyString, type DecimalValue } from "./decimal";

/** |target − entry| / |entry − stop|, two places, half up. */
export function rMultiple(entry: DecimalValue, stop: DecimalValue, target: DecimalValue): Decimal {
  const risk = new Decimal(entry).minus(stop).abs();
  if (risk.isZero()) return new Decimal(0);
  return new Decimal(target).minus(entry).abs().div(risk).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export interface PositionSize {
  shares: number;
  /** shares × |entry − stop|, as "75.00". */
  riskAmount: string;
  /** shares × entry: what the position costs, which may exceed equity. */
  positionValue: string;
  /** equity × risk %: what the trader allows to lose on one trade. */
  riskBudget: string;
}

/** Fixed-fractional sizing: shares = floor(equity × risk% / |entry − stop|). */
export function positionSize(equity: DecimalValue, riskPercentage: DecimalValue, entry: DecimalValue, stop: DecimalValue): PositionSize {
  const perShare = new Decimal(entry).minus(stop).abs();
  const budget = new Decimal(equity).times(riskPercentage).div(100);
  const shares = perShare.isZero() ? new Decimal(0) : budget.div(perShare).floor();
  return {
    shares: shares.toNumber(),
    riskAmount: toMoneyString(shares.times(perShare)),
    positionValue: toMoneyString(shares.times(entry)),
    riskBudget: toMoneyString(budget),
  };
}
