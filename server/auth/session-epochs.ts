import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema";

export interface EpochChange {
  user_id: string;
  epoch: number;
}

/**
 * Raises the user's session epoch (a sign-out or a disable ended some of their sessions). Runs on the caller's
 * handle, so it commits with the revocation or the disable it announces: no node can see one without the other.
 */
export async function raiseSessionEpoch(db: Kysely<Database>, userId: string, now: number): Promise<void> {
  await db
    .insertInto("session_epochs")
    .values({ user_id: userId, epoch: 1, changed_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ epoch: sql<number>`session_epochs.epoch + 1`, changed_at: now }))
    .execute();
}

/** Reads the per-user session epochs that the session guard (server/realtime/session-guard.ts) compares. */
export class SessionEpochs {
  constructor(private readonly db: Kysely<Database>) {}

  /** The user's epoch now; 0 when no session of theirs was ever ended. */
  async read(userId: string): Promise<number> {
    const row = await this.db.selectFrom("session_epochs").select("epoch").where("user_id", "=", userId).executeTakeFirst();
    return row ? Number(row.epoch) : 0;
  }

  /** Epochs raised after `since` (wall-clock ms), through the `changed_at` index: a handful of rows. */
  async changedSince(since: number): Promise<EpochChange[]> {
    const rows = await this.db.selectFrom("session_epochs").select(["user_id", "epoch"]).where("changed_at", ">", since).execute();
    return rows.map((row) => ({ user_id: row.user_id, epoch: Number(row.epoch) }));
  }
}
