import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrationsFor } from "@/server/db/migrations";
import { writeHistory } from "./bench-seed";

/** A SQLite file for one measurement: its folder (to remove), the file, the connection and the traders in it. */
export interface MeasureDatabase {
  dir: string;
  file: string;
  sqlite: SQLite.Database;
  /** The same connection through Kysely: `destroy()` it when done. */
  db: Kysely<unknown>;
  users: string[];
  now: number;
}

/**
 * A fresh SQLite file migrated to `migrateTo` ("latest" or a migration name), with the server's pragmas
 * (server/db/database.ts; no automatic checkpoint, as with its checkpoint worker), `userCount` traders and
 * `history` old signals with their log rows (bench/bench-seed.ts). For the measuring tools in bench/.
 */
export async function openMeasureDatabase(name: string, migrateTo: string, userCount: number, history: number): Promise<MeasureDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const file = join(dir, "measure.db");
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("cache_size = -65536");
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: migrationsFor("sqlite") });
  const { error } = migrateTo === "latest" ? await migrator.migrateToLatest() : await migrator.migrateTo(migrateTo);
  if (error) throw error instanceof Error ? error : new Error("migration failed", { cause: error });

  const users = Array.from({ length: userCount }, () => randomUUID());
  const now = Date.now();
  const addUser = sqlite.prepare(
    `insert into users (id, email, password_hash, role, equity, risk_percentage, created_at) values (?, ?, 'x', 'trader', '100000.00', '1', ?)`,
  );
  sqlite.transaction(() => users.forEach((id, i) => addUser.run(id, `measure-${i}@example.com`, now)))();
  writeHistory(sqlite, users, history);
  return { dir, file, sqlite, db, users, now };
}
