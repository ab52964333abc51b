import { describe, expect, it } from "vitest";
import { gradeFor } from "@/lib/grade";
import type { PatternType } from "@/lib/pattern";
import { confidenceScore, volumeScore } from "./confidence";

describe("confidence score", () => {
  it("scores the seed example 0.95 / 0.90 / SPRING ratio 0.4 as 95.00, A+", () => {
    const score = confidenceScore(0.95, 0.9, volumeScore("SPRING", 0.4));
    expect(score.toFixed(2)).toBe("95.00");
    expect(gradeFor(score)).toBe("A+");
  });

  it("scores the SOS example 0.70 / 0.65 / ratio 1.6 as exactly 70.00, a B", () => {
    const score = confidenceScore(0.7, 0.65, volumeScore("SOS", 1.6));
    expect(score.toFixed(2)).toBe("70.00");
    expect(score.gte(70)).toBe(true);
    expect(gradeFor(score)).toBe("B");
  });

  it("scores the SPEC's AAPL example as 92.5", () => {
    expect(confidenceScore(0.85, 0.95, volumeScore("SPRING", 0.35)).toNumber()).toBe(92.5);
  });

  it("grades at the edges", () => {
    expect(["95", "90", "89.99", "80", "79.99", "70", "69.99", "60", "59.99", "0"].map(gradeFor)).toEqual([
      "A+",
      "A+",
      "A",
      "A",
      "B",
      "B",
      "C",
      "C",
      "F",
      "F",
    ]);
  });
});

// Every row of contract §6's volume tables, at and just past each edge.
const VOLUME_CASES: Array<[PatternType[], Array<[number, number]>]> = [
  [
    ["SPRING", "TEST"],
    [
      [0, 1],
      [0.4, 1],
      [0.41, 0.9],
      [0.5, 0.9],
      [0.51, 0.75],
      [0.6, 0.75],
      [0.61, 0.6],
      [0.7, 0.6],
      [0.71, 0],
      [3, 0],
    ],
  ],
  [
    ["SOS", "SOW"],
    [
      [5, 1],
      [2.0, 1],
      [1.99, 0.9],
      [1.8, 0.9],
      [1.79, 0.75],
      [1.6, 0.75],
      [1.59, 0.6],
      [1.5, 0.6],
      [1.49, 0],
      [0, 0],
    ],
  ],
  [
    ["LPS", "LPSY"],
    [
      [0.2, 1],
      [0.6, 1],
      [0.61, 0.8],
      [0.9, 0.8],
      [0.91, 0.6],
      [1.1, 0.6],
      [1.11, 0],
    ],
  ],
  [
    ["UTAD"],
    [
      [3, 1],
      [2.5, 1],
      [2.49, 0.9],
      [2.0, 0.9],
      [1.99, 0.8],
      [1.5, 0.8],
      [1.49, 0.7],
      [1.2, 0.7],
      [1.19, 0],
    ],
  ],
];

describe("volume score tables", () => {
  for (const [patterns, cases] of VOLUME_CASES) {
    for (const pattern of patterns) {
      it.each(cases)(`${pattern} ratio %s scores %s`, (ratio, expected) => {
        expect(volumeScore(pattern, ratio).toNumber()).toBe(expected);
      });
    }
  }
});
