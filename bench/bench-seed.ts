import { randomUUID } from "node:crypto";
import type SQLite from "better-sqlite3";
import { hashPassword } from "@/server/auth/password";
import { UserStore } from "@/server/auth/user-store";
import { openDatabase } from "@/server/db/database";

export const BENCH_PASSWORD = "bench-password-123";
/** Symbols every bench user watches: the fan-out patterns name no users and reach them through watchlists. */
export const FANOUT_SYMBOLS = ["FAN1", "FAN2", "FAN3", "FAN4"];
const DAY_MS = 86_400_000;

/** N traders sharing one real-cost password hash (the sign-in flood verifies it like any sign-in). */
export async function seedUsers(databaseUrl: string, count: number): Promise<string[]> {
  const database = await openDatabase(databaseUrl);
  const users = new UserStore(database.db);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await users.create({
      email: `bench-${i}@example.com`,
      passwordHash,
      role: "trader",
      preferences: {
        equity: "100000.00",
        risk_percentage: 1,
        min_confidence: 0,
        min_r_multiple: 0,
        ttl_seconds: 600,
        watchlist: FANOUT_SYMBOLS,
        sound: false,
        desktop_notifications: false,
      },
    });
    ids.push(user.id);
  }
  await database.close();
  return ids;
}

/**
 * `count` settled signals (expired, acked, with an outcome; one in ten rejected) and as many delivery-log rows, 1 to 29 days old — inside
 * RETENTION_DAYS, so they stay for the whole run — written through the database layer's SQLite connection
 * in large transactions (not through HTTP).
 */
export async function seedHistory(databaseUrl: string, userIds: readonly string[], count: number): Promise<void> {
  if (count === 0) return;
  const database = await openDatabase(databaseUrl);
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error("--history needs the SQLite database");
  writeHistory(sqlite, userIds, count);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  await database.close();
}

/** seedHistory's rows, on an open SQLite connection (the insert measurement migrates its own). */
export function writeHistory(sqlite: SQLite.Database, userIds: readonly string[], count: number): void {
  const now = Date.now();
  const patternId = randomUUID();
  sqlite
    .prepare(
      `insert into patterns (id, symbol, pattern_type, timeframe, detected_at, entry_price, stop_loss, target_price,
       pattern_quality, phase_strength, volume_ratio, source, created_at) values (?, 'OLD', 'SPRING', '1m', ?, '100.00', '99.00', '103.00', 0.9, 0.9, 0.3, 'api', ?)`,
    )
    .run(patternId, now - 30 * DAY_MS, now - 30 * DAY_MS);
  const signal = sqlite.prepare(
    `insert into signals (id, pattern_id, user_id, symbol, pattern_type, direction, timeframe, status, confidence_score,
     confidence_grade, volume_score, entry_price, stop_loss, target_price, shares, risk_amount, risk_percentage, r_multiple,
     position_value, created_at, approved_at, expires_at, delivery_state, delivery_attempts, acked_at, outcome_result, outcome_price,
     outcome_at, outcome_r)
     values (?, ?, ?, 'OLD', 'SPRING', 'long', '1m', ?, '93.00', 'A+', '1.00', '100.00', '99.00', '103.00', 1000, '1000.00', '1',
     '3.00', '100000.00', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  );
  const log = sqlite.prepare(
    `insert into delivery_log (signal_id, user_id, channel, attempt, outcome, latency_ms, sockets, error, created_at)
     values (?, ?, 'socket', 1, 'delivered', 3, 1, null, ?)`,
  );
  const CHUNK = 50_000;
  for (let start = 0; start < count; start += CHUNK) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(count, start + CHUNK); i++) {
        const at = now - DAY_MS - Math.floor((i / count) * 28 * DAY_MS);
        const user = userIds[i % userIds.length]!;
        const id = randomUUID();
        // One in ten is a rejection, as a real desk's history has.
        // Old approved signals carry their outcome (a stop), as a real desk's do after 24 hours.
        if (i % 10 === 9) signal.run(id, patternId, user, "rejected", at, null, null, null, null, null, null, null, null);
        else signal.run(id, patternId, user, "expired", at, at, at + 600_000, "delivered", at + 3, "stop", "99.00", at + 60_000, -100);
        log.run(id, user, at + 3);
      }
    })();
  }
}
