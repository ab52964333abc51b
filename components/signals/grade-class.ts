import type { Grade } from "@/lib/grade";

/** The CSS class that colours a grade (the grade's text is always shown too). */
export function gradeClass(grade: Grade): string {
  return `grade-${grade === "A+" ? "aplus" : grade.toLowerCase()}`;
}
