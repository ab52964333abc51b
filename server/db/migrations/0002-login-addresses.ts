import type { Kysely, Migration } from "kysely";

/**
 * Sign-in tries carry the client's address: the lock is per address + email (an attacker elsewhere cannot
 * lock the owner out), with a per-address limit across emails and a much higher per-email ceiling.
 */
export const loginAddresses: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("login_failures")
      .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema.createIndex("login_failures_address_time").on("login_failures").columns(["address", "created_at"]).execute();
  },
};
