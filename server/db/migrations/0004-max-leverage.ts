import type { Kysely, Migration } from "kysely";

/**
 * Issue 12: the buying-power cap. `users.max_leverage` (buying power = equity × this, default 4) and
 * `signals.size_limited_by` (which bound set the share count). Rows from before keep sensible values:
 * every user gets the default, every older signal was sized by risk alone.
 */
export const maxLeverage: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("users")
      .addColumn("max_leverage", "double precision", (c) => c.notNull().defaultTo(4))
      .execute();
    await db.schema
      .alterTable("signals")
      .addColumn("size_limited_by", "text", (c) => c.notNull().defaultTo("risk"))
      .execute();
  },
};
