import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase, sql } from "kysely";
import pg from "pg";
import { migrationsFor } from "./migrations";
import type { Database, SqlDialectName } from "./schema";
import { withStatementCache } from "./statement-cache";
import { WalCheckpointer } from "./wal-checkpointer";

export type { SqlDialectName };

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: SqlDialectName;
  /** PostgreSQL schema holding the tables (also the migrator's bookkeeping); undefined on SQLite. */
  schema?: string;
  /**
   * The SQLite connection under Kysely, for the few hot writes that run as one synchronous group commit
   * (server/notifications/outbox-store.ts); undefined on PostgreSQL.
   */
  sqlite?: SQLite.Database;
  /**
   * The statement cache under Kysely (statement-cache.ts), for a hot write that skips the query builder but
   * runs inside a Kysely transaction on the same connection (the ingest's signals insert); undefined on PostgreSQL.
   */
  prepareCached?: SqliteDatabase["prepare"];
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns bigint as a string to protect precision; our bigints are epoch milliseconds,
// far below 2^53, so numbers are exact and keep both dialects returning the same types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.FLOAT8, (value) => Number(value));

/** Opens SQLite (`file:…`) or PostgreSQL (`postgres://…`), applies migrations, returns one Kysely handle. */
export async function openDatabase(url: string): Promise<DatabaseHandle> {
  const handle = url.startsWith("file:") ? openSqlite(url.slice("file:".length)) : await openPostgres(url);
  await migrate(handle);
  return handle;
}

function openSqlite(path: string): DatabaseHandle {
  const filename = path === ":memory:" ? path : resolve(path);
  if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across a process crash in WAL mode; only an OS crash may lose the last commit.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // 64 MiB of page cache (the default is 2 MiB): with a million rows of history, the index pages an insert
  // touches would otherwise be read back from the file on most commits.
  sqlite.pragma("cache_size = -65536");
  const checkpointer = filename === ":memory:" ? null : WalCheckpointer.start(sqlite, filename);
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  return {
    db,
    dialect: "sqlite",
    sqlite,
    prepareCached: (sqlText) => statements.prepare(sqlText),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Nothing waits on PostgreSQL without bound: a stalled or restarting database makes queries fail in
 * seconds, so ingest answers 503 and sweeps try again, instead of requests and sweeps piling up.
 */
export const POSTGRES_TIMEOUTS = {
  /**
   * Waiting for a connection: a new one, or a free one from the pool, so it must also cover a burst of
   * ingests queueing for the 10 connections. A stopped server refuses at once; this bounds a hung one.
   */
  connectionTimeoutMillis: 10_000,
  /** Server side: any one statement. */
  statement_timeout: 10_000,
  /** Client side: a query whose answer never comes (the server vanished mid-query). */
  query_timeout: 15_000,
  /** Server side: a transaction left open while its client stalls holds locks no longer than this. */
  idle_in_transaction_session_timeout: 10_000,
  keepAlive: true,
} as const;

/**
 * A `schema` query parameter (postgres://…/test?schema=node_a) puts every table in that schema,
 * which lets tests and side-by-side deployments share one database without touching each other.
 */
async function openPostgres(url: string): Promise<DatabaseHandle> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error("DATABASE_URL schema must be a lower-case SQL identifier");
  }
  if (schema) {
    const setup = new pg.Client({ connectionString: parsed.toString() });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${schema}`);
    } catch (error) {
      // Two nodes starting at once may race to create it; the loser finds it there, which is all it wanted.
      if ((error as { code?: string }).code !== "23505") throw error;
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    ...POSTGRES_TIMEOUTS,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client whose server went away (restart, failover) errors outside any query; unhandled, that
  // 'error' event would crash the process. The pool drops the client and the next query opens a new one.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    schema: schema ?? "public",
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

async function migrate(handle: DatabaseHandle): Promise<void> {
  // Naming the schema keeps Kysely from mistaking another schema's bookkeeping tables for ours.
  const migrator = new Migrator({
    db: handle.db,
    provider: migrationsFor(handle.dialect),
    // Migrations are numbered per issue and land in any order: a database that already ran 0004 must still
    // accept 0002 when it arrives later.
    allowUnorderedMigrations: true,
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error instanceof Error) throw error;
  if (error) throw new Error(`migration failed: ${JSON.stringify(error)}`);
}
