import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { PushSubscriptionJson } from "@/lib/push-subscription";
import type { Database, PushSubscriptionsTable } from "../../db/schema";

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

/** The browsers a user subscribed for Web Push; one row per endpoint (a browser that signs in as another user moves). */
export class PushSubscriptionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(userId: string, subscription: PushSubscriptionJson, now: number): Promise<void> {
    await this.db
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

  listFor(userId: string): Promise<PushSubscriptionRow[]> {
    return this.db.selectFrom("push_subscriptions").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
  }

  findById(id: string): Promise<PushSubscriptionRow | undefined> {
    return this.db.selectFrom("push_subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  }
}
