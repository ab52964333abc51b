import type { Kysely } from "kysely";
import type { PerformanceStats } from "@/lib/market-outcome";
import type { Clock } from "../clock";
import type { Database } from "../db/schema";
import type { Logger } from "../logger";
import type { SignalDeskIo } from "../realtime/socket-types";
import { MarketWatch } from "./market-watch";
import { announceOutcomes } from "./outcome-notifier";
import { OutcomeStore } from "./outcome-store";
import { AdminStats } from "./admin-stats";
import { userStats, type StatsScope } from "./performance-stats";
import { TimeoutSweep } from "./timeout-sweep";

export interface Outcomes {
  watch: MarketWatch;
  timeouts: TimeoutSweep;
  /**
   * contract §8's statistics of one user (live), or of the whole desk when `userId` is null (each pattern once,
   * cached for ADMIN_STATS_TTL_MS); pages and routes read them here.
   */
  stats(userId: string | null, scope: StatsScope): Promise<PerformanceStats>;
  start(): void;
  stop(): Promise<void>;
}

/** After approval (contract §8, issue 21 §2): the per-bar market watch and the timeout sweep sharing one store, and the statistics. */
export function createOutcomes(o: {
  db: Kysely<Database>;
  io: SignalDeskIo;
  clock: Clock;
  logger: Logger;
  sweepIntervalMs?: number;
}): Outcomes {
  const store = new OutcomeStore(o.db);
  const announce = (recorded: Parameters<typeof announceOutcomes>[2]) => announceOutcomes(o.io, o.logger, recorded);
  const timeouts = new TimeoutSweep({ store, clock: o.clock, logger: o.logger, announce, intervalMs: o.sweepIntervalMs });
  const watch = new MarketWatch({ store, clock: o.clock, announce });
  const admin = new AdminStats(o.db, o.clock);
  return {
    watch,
    timeouts,
    stats: (userId, scope) => (userId === null ? admin.get(scope) : userStats(o.db, userId, scope)),
    start: () => timeouts.start(),
    stop: () => timeouts.stop(),
  };
}
