import { Decimal, type DecimalValue } from "./decimal";

export const GRADES = ["A+", "A", "B", "C", "F"] as const;
export type Grade = (typeof GRADES)[number];

const GRADE_FLOORS: ReadonlyArray<readonly [number, Grade]> = [
  [90, "A+"],
  [80, "A"],
  [70, "B"],
  [60, "C"],
];

/** A+ ≥ 90, A ≥ 80, B ≥ 70, C ≥ 60, F below; compared in decimals so 70.00 is a B. */
export function gradeFor(score: DecimalValue): Grade {
  const value = new Decimal(score);
  for (const [floor, grade] of GRADE_FLOORS) if (value.gte(floor)) return grade;
  return "F";
}
