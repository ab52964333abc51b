import type { Insertable, Kysely } from "kysely";
import type { DeliveryLogQuery, DeliveryLogRow } from "@/lib/delivery-log-schema";
import type { Database, DeliveryLogTable } from "../db/schema";
import type { Logger } from "../logger";
import { selectDeliveryRows, toDeliveryRow } from "./delivery-rows";

export type DeliveryAttemptRecord = Insertable<DeliveryLogTable> & { user_email: string; symbol: string };

const FLUSH_INTERVAL_MS = 25;
const MAX_BATCH = 500;

/**
 * Every delivery attempt, written in small batches so the delivery path never waits on a log insert.
 * Each attempt also goes to the structured log at once; a clean shutdown flushes what is buffered.
 */
export class DeliveryLog {
  private buffer: DeliveryAttemptRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(row: DeliveryLogRow) => void>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
  ) {}

  /** Queues one attempt for the table and writes it to the structured log now. */
  append(record: DeliveryAttemptRecord): void {
    this.logger.info(
      {
        signal_id: record.signal_id,
        user_id: record.user_id,
        channel: record.channel ?? "socket",
        attempt: record.attempt,
        outcome: record.outcome,
        latency_ms: record.latency_ms,
        sockets: record.sockets,
        error: record.error,
      },
      "delivery attempt",
    );
    // Every row names its channel: a multi-row insert with a column missing from some rows is not valid SQLite.
    this.buffer.push({ ...record, channel: record.channel ?? "socket" });
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  /** Called with each row once it is stored (the admin live view). */
  onStored(listener: (row: DeliveryLogRow) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes everything buffered; resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: DeliveryAttemptRecord[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      const ids = await this.db
        .insertInto("delivery_log")
        .values(batch.map(({ user_email: _email, symbol: _symbol, ...row }) => row))
        .returning("id")
        .execute();
      if (this.listeners.size === 0) return;
      batch.forEach((record, index) => {
        const row = toDeliveryRow({ ...record, id: ids[index]?.id ?? 0, error: record.error ?? null, channel: record.channel ?? "socket" });
        for (const listener of this.listeners) listener(row);
      });
    } catch (error) {
      // Keep the rows for the next flush rather than lose them; the database may be back by then.
      this.logger.error({ err: error, rows: batch.length }, "delivery log write failed; will retry");
      this.buffer.unshift(...batch);
      this.timer ??= setTimeout(() => void this.flush(), 1000);
    }
  }

  /** Delivery log rows, newest first, filtered, with a cursor for the next page. */
  async query(filter: DeliveryLogQuery): Promise<{ rows: DeliveryLogRow[]; next_cursor: string | null }> {
    let query = selectDeliveryRows(this.db);
    if (filter.user) {
      const user = filter.user;
      query = query.where((eb) => eb.or([eb("d.user_id", "=", user), eb("u.email", "=", user.toLowerCase())]));
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
