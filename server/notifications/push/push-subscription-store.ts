import { randomUUID } from "node:crypto";
import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import type { PushSubscriptionJson } from "@/lib/push-subscription";
import type { Database, PushSubscriptionsTable } from "../../db/schema";

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

/** Browsers one user keeps subscribed (issue 23 item 5); a new one beyond that replaces their oldest. */
export const MAX_PUSH_SUBSCRIPTIONS = 10;

/** The browsers a user subscribed for Web Push; one row per endpoint (a browser that signs in as another user moves). */
export class PushSubscriptionStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores the browser's subscription for the user and keeps their MAX_PUSH_SUBSCRIPTIONS newest: the oldest
   * others are replaced, so however often a client subscribes, an escalation fans out to a bounded number.
   */
  async save(userId: string, subscription: PushSubscriptionJson, now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.upsert(trx, userId, subscription, now);
      const others = (eb: ExpressionBuilder<Database, "push_subscriptions">) =>
        eb.and([eb("user_id", "=", userId), eb("endpoint", "<>", subscription.endpoint)]);
      await trx
        .deleteFrom("push_subscriptions")
        .where(others)
        .where("id", "not in", (eb) =>
          eb
            .selectFrom("push_subscriptions")
            .select("id")
            .where(others)
            .orderBy("created_at", "desc")
            .orderBy("id")
            .limit(MAX_PUSH_SUBSCRIPTIONS - 1),
        )
        .execute();
    });
  }

  private async upsert(db: Kysely<Database>, userId: string, subscription: PushSubscriptionJson, now: number): Promise<void> {
    await db
      .insertInto("push_subscriptions")
      .values({
        id: randomUUID(),
        user_id: userId,
        endpoint: subscription.endpoint,
        p256dh: subscription.keys.p256dh,
        auth: subscription.keys.auth,
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .column("endpoint")
          // A new id when the endpoint moves: pending sends that named the old row stop finding it.
          .doUpdateSet({
            id: randomUUID(),
            user_id: userId,
            p256dh: subscription.keys.p256dh,
            auth: subscription.keys.auth,
            created_at: now,
          }),
      )
      .execute();
  }

  /** Removes the user's subscription with this endpoint; false when there was none. */
  async remove(userId: string, endpoint: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("push_subscriptions")
      .where("user_id", "=", userId)
      .where("endpoint", "=", endpoint)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The push service said this subscription is gone (404/410). */
  async removeById(id: string): Promise<void> {
    await this.db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
  }

  /** The user's subscriptions, newest first, at most MAX_PUSH_SUBSCRIPTIONS (rows stored before the cap included). */
  listFor(userId: string): Promise<PushSubscriptionRow[]> {
    return this.db
      .selectFrom("push_subscriptions")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(MAX_PUSH_SUBSCRIPTIONS)
      .execute();
  }

  findById(id: string): Promise<PushSubscriptionRow | undefined> {
    return this.db.selectFrom("push_subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  }
}
