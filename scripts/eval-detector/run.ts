/**
 * `npm run eval:detector [-- --per-kind 200 --seed 2026 --markdown --write docs/detector-evaluation.md]`
 * Builds labelled series with this folder's own generator, runs the built-in detector over each, and prints
 * per-event precision and recall and false events per 1,000 bars of plain range against the targets.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { detectPatterns } from "@/server/detection/wyckoff-detector";
import { timeframeMs } from "@/server/detection/bar";
import { ALL_KINDS, buildScenario, NEAR_MISS_KINDS, type Scenario } from "./scenarios";
import { NEAR_MISS_FORBIDDEN } from "./near-misses";
import { evaluateRealSeries, REAL_SERIES, realSeriesTable } from "./real-series";
import { type Detection, type Evaluation, score } from "./score";

export const TARGETS = { precision: 0.9, recall: 0.8, falsePerThousand: 0.5 } as const;

/** The detector's reports for one series, each at the index of its confirming bar. */
export function detect(scenario: Scenario): Detection[] {
  const length = timeframeMs(scenario.timeframe);
  const indexByClose = new Map(scenario.bars.map((bar, index) => [bar.time + length, index]));
  return detectPatterns(scenario.bars, { symbol: "EVAL", timeframe: scenario.timeframe }).map((pattern) => ({
    type: pattern.pattern_type,
    index: indexByClose.get(Date.parse(pattern.detected_at)) ?? -1,
  }));
}

/** Every kind `perKind` times, seeds derived from `seed`. */
export function evaluate(
  perKind: number,
  seed: number,
): { evaluation: Evaluation; runs: Array<{ scenario: Scenario; detections: Detection[] }> } {
  const runs = ALL_KINDS.flatMap((kind, k) =>
    Array.from({ length: perKind }, (_, i) => {
      const scenario = buildScenario(kind, (seed * 1_000_003 + k * 100_019 + i * 7_919) >>> 0);
      return { scenario, detections: detect(scenario) };
    }),
  );
  return { evaluation: score(runs), runs };
}

const fixed = (value: number | null) => (value === null ? "–" : value.toFixed(2));

/** The results as a Markdown table with a verdict per row. */
export function markdownTable(evaluation: Evaluation): string {
  const lines = [
    "| event | planted | reported | matched | precision | recall | meets targets |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const row of evaluation.events) {
    const ok = (row.precision ?? 0) >= TARGETS.precision && (row.recall ?? 0) >= TARGETS.recall;
    lines.push(
      `| ${row.type} | ${row.planted} | ${row.reported} | ${row.matched} | ${fixed(row.precision)} | ${fixed(row.recall)} | ${ok ? "yes" : "**no**"} |`,
    );
  }
  const falseOk = evaluation.falsePerThousand <= TARGETS.falsePerThousand;
  lines.push(
    "",
    `False events in plain range: ${evaluation.plainFalse} in ${evaluation.plainBars} bars = ` +
      `**${evaluation.falsePerThousand.toFixed(2)} per 1,000 bars** (target ≤ ${TARGETS.falsePerThousand}: ${falseOk ? "met" : "missed"}). ` +
      `${evaluation.scenarios} series, ${evaluation.bars} bars.`,
  );
  return lines.join("\n");
}

/** Near misses: how many series of each kind got the event they come close to, though it is not there. */
export function nearMissTable(runs: ReadonlyArray<{ scenario: Scenario; detections: readonly Detection[] }>): string {
  const lines = ["| near miss | series | must not report | series that reported it |", "| --- | ---: | --- | ---: |"];
  for (const kind of NEAR_MISS_KINDS) {
    const ofKind = runs.filter((run) => run.scenario.kind === kind);
    const forbidden = NEAR_MISS_FORBIDDEN[kind];
    const fooled = ofKind.filter((run) => run.detections.some((d) => d.type === forbidden && d.index >= run.scenario.plain.to)).length;
    lines.push(`| ${kind} | ${ofKind.length} | ${forbidden} | ${fooled} (${((fooled / Math.max(1, ofKind.length)) * 100).toFixed(1)} %) |`);
  }
  return lines.join("\n");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      "per-kind": { type: "string", default: "200" },
      seed: { type: "string", default: "2026" },
      write: { type: "string" },
      verbose: { type: "boolean", default: false },
    },
  });
  const perKind = Number(values["per-kind"]);
  const seed = Number(values.seed);
  const started = performance.now();
  const { evaluation, runs } = evaluate(perKind, seed);
  const table = [
    markdownTable(evaluation),
    "",
    "Near misses (one-tick undercuts of S_min, breakouts that close back below R within 2 bars, upthrusts on volume just under 1.2):",
    "",
    nearMissTable(runs),
    "",
    "Real public bars (scripts/eval-detector/real-bars/SOURCE.md):",
    "",
    realSeriesTable(REAL_SERIES.map(evaluateRealSeries)),
  ].join("\n");
  console.log(table);
  console.log(`\n(${perKind} series per kind, seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (values.verbose) {
    for (const { scenario, detections } of runs) {
      const planted = scenario.labels.map((label) => `${label.type}@${label.from}-${label.to}`).join(" ");
      const found = detections.map((d) => `${d.type}@${d.index}`).join(" ");
      console.log(
        `${scenario.kind.padEnd(9)} seed ${scenario.seed} $${scenario.price} w ${(scenario.width * 100).toFixed(1)}% plain ${scenario.plain.from}-${scenario.plain.to} | planted ${planted} | found ${found}`,
      );
    }
  }
  if (values.write) {
    writeFileSync(values.write, `${table}\n`);
    console.log(`wrote ${values.write}`);
  }
}

if (process.argv[1]?.endsWith("run.ts")) main();
