import type { Kysely } from "kysely";
import type { DeliveryHealth, PatternOverview, SignalTimeline } from "@/lib/admin-answers";
import type { Database } from "../db/schema";
import { deliveryHealth } from "./delivery-health";
import { patternOverview, type PatternOverviewQuery } from "./pattern-overview";
import { signalTimeline } from "./signal-timeline";

/** The admin views' read-only queries, so admin pages and routes go through a store and never hold the database. */
export class AdminStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Recent patterns with what the pipeline decided for each matched user, newest first. */
  patternOverview(query: PatternOverviewQuery): Promise<{ patterns: PatternOverview[]; next_cursor: string | null }> {
    return patternOverview(this.db, query);
  }

  /** One signal with its pattern, every delivery attempt and its timeline; null when there is none. */
  signalTimeline(signalId: string): Promise<SignalTimeline | null> {
    return signalTimeline(this.db, signalId);
  }

  /** Attempts by outcome and delivered latency for the recent windows, and by channel for the hour, as of `now`. */
  deliveryHealth(now: number): Promise<DeliveryHealth> {
    return deliveryHealth(this.db, now);
  }
}
