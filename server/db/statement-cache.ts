import type SQLite from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Enough for every distinct query the app compiles (IN lists of varying length make a few more). */
const MAX_STATEMENTS = 1000;

/**
 * Kysely's SQLite driver prepares every statement anew on every call, which a CPU profile of the delivery
 * benchmark showed as a large share of the server's time. This sits under the query layer and hands Kysely
 * the statement it prepared last time for the same SQL text. A statement still being iterated (a streamed
 * export) is busy, so a second, uncached one is prepared for that call.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-inserting keeps the map in least-recently-used order for eviction.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
