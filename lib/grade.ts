import type { DecimalValue } from "./decimal";
import { scaledOf, unitsAt } from "./scaled-decimal";

export const GRADES = ["A+", "A", "B", "C", "F"] as const;
export type Grade = (typeof GRADES)[number];

/** The grade floors in hundredths of a point: 9000 is 90.00. */
const GRADE_FLOORS: ReadonlyArray<readonly [number, Grade]> = [
  [9000, "A+"],
  [8000, "A"],
  [7000, "B"],
  [6000, "C"],
];

/** A+ ≥ 90, A ≥ 80, B ≥ 70, C ≥ 60, F below, for a score in hundredths (7000 is a B). */
export function gradeForHundredths(hundredths: number): Grade {
  for (const [floor, grade] of GRADE_FLOORS) if (hundredths >= floor) return grade;
  return "F";
}

/** A+ ≥ 90, A ≥ 80, B ≥ 70, C ≥ 60, F below; compared exactly so 70.00 is a B and 69.999 a C. */
export function gradeFor(score: DecimalValue): Grade {
  const value = scaledOf(score);
  const units = value.scale <= 2 ? unitsAt(value, 2) : null;
  if (units !== null) return gradeForHundredths(Number(units));
  // More than two places: compare at the score's own scale.
  for (const [floor, grade] of GRADE_FLOORS) if (value.units >= BigInt(floor) * 10n ** BigInt(value.scale - 2)) return grade;
  return "F";
}
