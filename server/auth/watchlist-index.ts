import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** The symbol an empty watchlist is indexed under: it matches every pattern (contract §6). */
export const WATCHES_ALL = "*";

/**
 * Rewrites one user's rows of the watchlist index (table user_watchlist, migration 0003). Called wherever a
 * watchlist is written, inside the same transaction, so the index never disagrees with the preferences —
 * on any node, which an in-memory index could not promise.
 */
export async function replaceWatchlist(db: Kysely<Database>, userId: string, watchlist: readonly string[]): Promise<void> {
  await db.deleteFrom("user_watchlist").where("user_id", "=", userId).execute();
  const symbols = watchlist.length === 0 ? [WATCHES_ALL] : [...new Set(watchlist)];
  await db
    .insertInto("user_watchlist")
    .values(symbols.map((symbol) => ({ user_id: userId, symbol })))
    .execute();
}
