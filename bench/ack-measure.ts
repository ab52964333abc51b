/**
 * Issue 20, session 6: what booking acks costs over a large history, with the schema before and after
 * migration 0013 (the attempt log's `delivery_log_user` index, led by a random key, dropped). 5,000 approvals
 * are inserted, then acked in group commits of `--group` acks, each commit one transaction of the delivery
 * book's statements (server/notifications/outbox-store.ts: the signal's ack UPDATE and its log row). Prints
 * JSON: wall and CPU ms for all the acks, and the bytes the commits wrote to the WAL (a figure the shared
 * machine cannot blur).
 *
 *   npx tsx bench/ack-measure.ts [--history 1000000] [--rows 5000] [--group 50]
 */
import { rmSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { v7 as timeOrderedUuid } from "uuid";
import { round } from "./bench-protocol";
import { openMeasureDatabase } from "./measure-database";

const { values } = parseArgs({
  options: {
    history: { type: "string", default: "1000000" },
    rows: { type: "string", default: "5000" },
    group: { type: "string", default: "50" },
  },
});
const history = Number(values.history);
const rowCount = Number(values.rows);
const group = Number(values.group);

async function measure(migrateTo: string) {
  const { dir, file, sqlite, db, users, now } = await openMeasureDatabase("ack-measure", migrateTo, rowCount, history);

  const patternId = timeOrderedUuid();
  sqlite
    .prepare(
      `insert into patterns (id, symbol, pattern_type, timeframe, detected_at, entry_price, stop_loss, target_price,
       pattern_quality, phase_strength, volume_ratio, source, created_at) values (?, 'NEW', 'SPRING', '5m', ?, '100.00', '99.00', '103.00', 0.9, 0.9, 0.3, 'api', ?)`,
    )
    .run(patternId, now, now);
  const addSignal = sqlite.prepare(
    `insert into signals (id, pattern_id, user_id, symbol, pattern_type, direction, timeframe, status, confidence_score,
     confidence_grade, volume_score, entry_price, stop_loss, target_price, shares, risk_amount, risk_percentage, r_multiple,
     position_value, created_at, approved_at, expires_at, delivery_state, delivery_attempts, delivery_owner, lease_until)
     values (?, ?, ?, 'NEW', 'SPRING', 'long', '5m', 'approved', '93.00', 'A+', '1.00', '100.00', '99.00', '103.00', 1000, '1000.00',
     '1', '3.00', '100000.00', ?, ?, ?, 'pending', 0, 'node', ?)`,
  );
  const approvals = users.map((user) => ({ id: timeOrderedUuid(), user }));
  sqlite.transaction(() =>
    approvals.forEach(({ id, user }) => addSignal.run(id, patternId, user, now, now, now + 600_000, now + 10_000)),
  )();
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.pragma("wal_autocheckpoint = 0");

  // The delivery book's statements (OutboxStore.commitSqlite).
  const acked = sqlite.prepare(
    `update signals set delivery_state = 'delivered', acked_at = ?, delivery_attempts = max(delivery_attempts, ?) where id = ? and acked_at is null`,
  );
  const log = sqlite.prepare(
    `insert into delivery_log (signal_id, user_id, channel, attempt, outcome, latency_ms, sockets, error, created_at)
     values (?, ?, 'socket', 1, 'delivered', 3, 1, null, ?)`,
  );
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let from = 0; from < approvals.length; from += group) {
    sqlite.transaction(() => {
      for (const { id, user } of approvals.slice(from, from + group)) {
        acked.run(now + 5, 1, id);
        log.run(id, user, now + 5);
      }
    })();
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const walBytes = statSync(`${file}-wal`).size;
  const logIndexes = (
    sqlite
      .prepare(`select group_concat(name, ' ') as names from sqlite_master where type = 'index' and tbl_name = 'delivery_log'`)
      .get() as {
      names: string;
    }
  ).names;
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  return {
    schema: migrateTo,
    log_indexes: logIndexes,
    wall_ms: round(wallMs),
    cpu_ms: round((cpu.user + cpu.system) / 1000),
    wal_bytes: walBytes,
  };
}

for (const schema of ["0012_detector_bars", "latest"]) {
  console.log(JSON.stringify({ ...(await measure(schema)), history, acks: rowCount, per_commit: group }));
}
