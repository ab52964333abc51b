import type { Kysely } from "kysely";
import type { DeliveryLogQuery, DeliveryLogRow } from "@/lib/delivery-log-schema";
import { type Clock, systemClock } from "../clock";
import type { DatabaseHandle } from "../db/database";
import type { Database, DeliveryChannel } from "../db/schema";
import type { Logger } from "../logger";
import { type CommittedAck, DeliveryBook } from "./delivery-book";
import { DeliveryLiveFeed, type LiveFeedListener } from "./delivery-live-feed";
import { DeliveryLogSummary } from "./delivery-log-summary";
import { selectDeliveryRows, toDeliveryRow } from "./delivery-rows";
import { OutboxStore, type DeliveryLogInsert } from "./outbox-store";

/**
 * One attempt as callers report it. `channel` defaults to `socket`; helper `away` (issue 15) appends its
 * push and webhook attempts here with `channel: "push" | "webhook"`, and they ride the same group commits.
 */
export type DeliveryAttemptRecord = Omit<DeliveryLogInsert, "channel"> & {
  channel?: DeliveryChannel;
  symbol: string;
  /** Unused by the table: the email is looked up (once per user) only when an admin view is listening. */
  user_email?: string;
  /** Approval → ack with sub-millisecond resolution, for the structured log (the column is whole ms). */
  latency_exact_ms?: number;
};

export interface DeliveryLogOptions {
  clock?: Clock;
  /** Emails for the admins' live rows. */
  emailOf?: (userId: string) => Promise<string>;
  /** Each delivery's first committed ack (the delivered counter and the latency histogram). */
  onFirstAcks?: (acks: CommittedAck[]) => void;
}

/**
 * Every delivery attempt: a row in the table through the delivery book's group commits (with the ack
 * bookkeeping of the same moment), and the structured log. Issue 20 took per-attempt logging off the hot
 * path: a delivered attempt is a `debug` line, every other outcome (rare, and what an operator looks for) an
 * `info` line, and one `info` line a second counts them all. The admins' live feed gets the stored rows in
 * batches (delivery-live-feed.ts). A clean shutdown flushes.
 */
export class DeliveryLog {
  /** The group commit shared with the attempt loop's ack bookkeeping. */
  readonly book: DeliveryBook;
  private readonly db: Kysely<Database>;
  private readonly liveFeed: DeliveryLiveFeed;
  private readonly summary: DeliveryLogSummary;

  constructor(
    database: Pick<DatabaseHandle, "db" | "dialect" | "sqlite">,
    private readonly logger: Logger,
    options: DeliveryLogOptions = {},
  ) {
    this.db = database.db;
    const clock = options.clock ?? systemClock;
    this.liveFeed = new DeliveryLiveFeed(clock, logger, options.emailOf);
    this.summary = new DeliveryLogSummary(logger, clock);
    this.book = new DeliveryBook({
      store: new OutboxStore(database),
      clock,
      logger,
      onFirstAcks: (acks) => options.onFirstAcks?.(acks),
      onLogStored: (rows, ids) => this.liveFeed.add(rows, ids),
    });
  }

  /** Queues one attempt for the table and counts it for the structured log. */
  append(record: DeliveryAttemptRecord): void {
    const channel = record.channel ?? "socket";
    const level = record.outcome === "delivered" ? "debug" : "info";
    if (this.logger.isLevelEnabled(level)) {
      const { latency_exact_ms } = record;
      this.logger[level](
        {
          signal_id: record.signal_id,
          user_id: record.user_id,
          channel,
          attempt: record.attempt,
          outcome: record.outcome,
          latency_ms: record.latency_ms,
          ...(latency_exact_ms === undefined ? {} : { latency_exact_ms }),
          sockets: record.sockets,
          error: record.error,
        },
        "delivery attempt",
      );
    }
    this.summary.add(channel, record.outcome, record.latency_ms);
    // One object per attempt, built field by field (no rest or spread copies on the hot path).
    this.book.appendLog({
      signal_id: record.signal_id,
      user_id: record.user_id,
      symbol: record.symbol,
      channel,
      attempt: record.attempt,
      outcome: record.outcome,
      latency_ms: record.latency_ms,
      sockets: record.sockets,
      error: record.error ?? null,
      created_at: record.created_at,
    });
  }

  /** True when a delivered attempt is written to the structured log (LOG_LEVEL=debug), with its exact latency. */
  get logsDelivered(): boolean {
    return this.logger.isLevelEnabled("debug");
  }

  /** Called with each batch of stored rows, at most one batch per 50 ms (the admin live view). */
  onStored(listener: LiveFeedListener): () => void {
    return this.liveFeed.subscribe(listener);
  }

  /** Writes everything buffered (bookkeeping included); resolves when it is in the database. */
  flush(): Promise<void> {
    this.summary.write();
    return this.book.flush();
  }

  /** Delivery log rows, newest first, filtered, with a cursor for the next page. */
  async query(filter: DeliveryLogQuery): Promise<{ rows: DeliveryLogRow[]; next_cursor: string | null }> {
    let query = selectDeliveryRows(this.db);
    if (filter.user) {
      const user = filter.user;
      const matching = await this.db
        .selectFrom("users")
        .select("id")
        .where((eb) => eb.or([eb("id", "=", user), eb("email", "=", user.toLowerCase())]))
        .execute();
      if (matching.length === 0) return { rows: [], next_cursor: null };
      const ids = matching.map((row) => row.id);
      // The log has no index led by the user (migration 0013): the user's signals lead to their rows.
      query = query
        .where("d.signal_id", "in", (eb) => eb.selectFrom("signals as mine").select("mine.id").where("mine.user_id", "in", ids))
        .where("d.user_id", "in", ids);
    }
    if (filter.signal) query = query.where("d.signal_id", "=", filter.signal);
    if (filter.symbol) query = query.where("s.symbol", "=", filter.symbol.toUpperCase());
    if (filter.status) query = query.where("d.outcome", "=", filter.status);
    if (filter.channel) query = query.where("d.channel", "=", filter.channel);
    if (filter.since) query = query.where("d.created_at", ">=", Date.parse(filter.since));
    if (filter.until) query = query.where("d.created_at", "<", Date.parse(filter.until));
    if (filter.cursor) query = query.where("d.id", "<", Number(filter.cursor));
    const rows = await query
      .orderBy("d.id", "desc")
      .limit(filter.limit + 1)
      .execute();
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      rows: page.map(toDeliveryRow),
      next_cursor: rows.length > filter.limit && last ? String(last.id) : null,
    };
  }
}
