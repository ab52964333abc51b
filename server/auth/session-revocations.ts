import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { raiseSessionEpoch } from "./session-epochs";

/** Signed-out session ids: a copied token stays useless after its owner signed out. */
export class SessionRevocations {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records the sign-out and raises the user's session epoch in one transaction (other nodes re-check by it). */
  async revoke(sessionId: string, userId: string, now = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("revoked_sessions")
        .values({ session_id: sessionId, user_id: userId, revoked_at: now })
        .onConflict((oc) => oc.column("session_id").doNothing())
        .execute();
      await raiseSessionEpoch(trx, userId, now);
    });
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const row = await this.db.selectFrom("revoked_sessions").select("session_id").where("session_id", "=", sessionId).executeTakeFirst();
    return row !== undefined;
  }
}
