import type { Kysely } from "kysely";
import { DELIVERY_CHANNELS, DELIVERY_OUTCOMES, type DeliveryOutcome } from "@/lib/delivery-log-schema";
import type { Database, DeliveryChannel } from "../db/schema";

export interface ChannelHealth {
  channel: DeliveryChannel;
  total: number;
  counts: Record<DeliveryOutcome, number>;
}

/** Attempts by channel and outcome since `since` (SPEC §9: delivery health per channel), every channel listed. */
export async function channelHealth(db: Kysely<Database>, since: number): Promise<ChannelHealth[]> {
  const grouped = await db
    .selectFrom("delivery_log")
    .select(["channel", "outcome", (eb) => eb.fn.countAll().as("n")])
    .where("created_at", ">=", since)
    .groupBy(["channel", "outcome"])
    .execute();
  return DELIVERY_CHANNELS.map((channel) => {
    const counts = Object.fromEntries(DELIVERY_OUTCOMES.map((outcome) => [outcome, 0])) as Record<DeliveryOutcome, number>;
    for (const row of grouped) if (row.channel === channel) counts[row.outcome] = Number(row.n);
    return { channel, total: Object.values(counts).reduce((sum, n) => sum + n, 0), counts };
  });
}
