/**
 * `npm run eval:detector [-- --per-kind 200 --seed 2026 --markdown --write docs/detector-evaluation.md]`
 * Builds labelled series with this folder's own generator, runs the built-in detector over each, and prints
 * per-event precision and recall and false events per 1,000 bars of plain range against the targets.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { detectPatterns } from "@/server/detection/wyckoff-detector";
import { timeframeMs } from "@/server/detection/bar";
import { buildScenario, SCENARIO_KINDS, type Scenario } from "./scenarios";
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
  const runs = SCENARIO_KINDS.flatMap((kind, k) =>
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
  const table = markdownTable(evaluation);
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
