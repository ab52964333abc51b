import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** Signed-out session ids: a copied token stays useless after its owner signed out. */
export class SessionRevocations {
  constructor(private readonly db: Kysely<Database>) {}

  async revoke(sessionId: string, userId: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto("revoked_sessions")
      .values({ session_id: sessionId, user_id: userId, revoked_at: now })
      .onConflict((oc) => oc.column("session_id").doNothing())
      .execute();
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    const row = await this.db.selectFrom("revoked_sessions").select("session_id").where("session_id", "=", sessionId).executeTakeFirst();
    return row !== undefined;
  }
}
