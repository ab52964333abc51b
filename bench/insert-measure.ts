/**
 * Issue 20: the time to insert the approvals of one large ingest (5,000 signals, one transaction, one prepared
 * statement, as the pipeline writes them) over 1,000,000 rows of history, with the schema before and after
 * migration 0008 (fewer indexes on the hot table, time-ordered ids). Prints JSON.
 *
 *   npx tsx bench/insert-measure.ts [--history 1000000] [--rows 5000] [--repeat 5]
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { v7 as timeOrderedUuid } from "uuid";
import { percentile, round } from "./bench-protocol";
import { openMeasureDatabase } from "./measure-database";

const { values } = parseArgs({
  options: {
    history: { type: "string", default: "1000000" },
    rows: { type: "string", default: "5000" },
    repeat: { type: "string", default: "5" },
  },
});
const history = Number(values.history);
const rowCount = Number(values.rows);
const repeat = Number(values.repeat);

/** The columns the pipeline writes for an approved signal (SignalStore.insertMany). */
const COLUMNS = [
  "id",
  "pattern_id",
  "user_id",
  "symbol",
  "pattern_type",
  "direction",
  "timeframe",
  "status",
  "rejection_reason",
  "confidence_score",
  "confidence_grade",
  "volume_score",
  "entry_price",
  "stop_loss",
  "target_price",
  "shares",
  "risk_amount",
  "risk_percentage",
  "r_multiple",
  "position_value",
  "size_limited_by",
  "is_test",
  "created_at",
  "approved_at",
  "expires_at",
  "decided_at",
  "decision_reason",
  "delivery_state",
  "delivery_attempts",
  "acked_at",
  "delivery_owner",
  "lease_until",
  "next_replay_at",
];

async function measure(migrateTo: string): Promise<{ schema: string; indexes: number; ms: number[]; cpu_ms: number[] }> {
  const { dir, sqlite, db, users } = await openMeasureDatabase("insert-measure", migrateTo, rowCount, history);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");

  const insert = sqlite.prepare(`insert into signals (${COLUMNS.join(", ")}) values (${COLUMNS.map(() => "?").join(", ")})`);
  const addPattern = sqlite.prepare(
    `insert into patterns (id, symbol, pattern_type, timeframe, detected_at, entry_price, stop_loss, target_price,
     pattern_quality, phase_strength, volume_ratio, source, created_at) values (?, 'NEW', 'SPRING', '5m', ?, '100.00', '99.00', '103.00', 0.9, 0.9, 0.3, 'api', ?)`,
  );
  const ms: number[] = [];
  // CPU time too: on a shared machine the wall time mostly measures the neighbours.
  const cpuMs: number[] = [];
  for (let run = 0; run < repeat; run++) {
    // After 0008 the pipeline makes time-ordered ids (UUID v7); before, random ones (v4).
    const newId = migrateTo === "latest" ? timeOrderedUuid : randomUUID;
    const patternId = newId();
    const at = Date.now();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    sqlite.transaction(() => {
      addPattern.run(patternId, at, at);
      for (const user of users) {
        insert.run(
          randomUUID(),
          patternId,
          user,
          "NEW",
          "SPRING",
          "long",
          "5m",
          "approved",
          null,
          "93.00",
          "A+",
          "1.00",
          "100.00",
          "99.00",
          "103.00",
          1000,
          "1000.00",
          "1",
          "3.00",
          "100000.00",
          "risk",
          0,
          at,
          at,
          at + 600_000,
          null,
          null,
          "pending",
          0,
          null,
          "node",
          at + 10_000,
          null,
        );
      }
    })();
    ms.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuBefore);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const indexes = (
    sqlite.prepare(`select count(*) as n from sqlite_master where type = 'index' and tbl_name = 'signals'`).get() as { n: number }
  ).n;
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  return { schema: migrateTo, indexes, ms: ms.map((x) => round(x)), cpu_ms: cpuMs.map((x) => round(x)) };
}

const median = (xs: number[]) =>
  round(
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    ),
  );

for (const schema of ["0007_duplicate_key", "latest"]) {
  const result = await measure(schema);
  console.log(
    JSON.stringify({
      ...result,
      history,
      rows: rowCount,
      median_ms: median(result.ms),
      median_cpu_ms: median(result.cpu_ms),
    }),
  );
}
