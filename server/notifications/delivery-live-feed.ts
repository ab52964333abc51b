import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import type { Clock } from "../clock";
import type { Logger } from "../logger";
import type { LoggedAttempt } from "./delivery-book";
import { toDeliveryRow } from "./delivery-rows";

/** The admins' live feed sends at most one batch this often (issue 20: one message per 50 ms, many rows). */
export const LIVE_FEED_INTERVAL_MS = 50;

export type LiveFeedListener = (rows: DeliveryLogRow[]) => void;

/**
 * Stored delivery-log rows on their way to the admins' live view, gathered for `LIVE_FEED_INTERVAL_MS` and
 * handed to the listeners as one array: a busy second costs twenty messages, not one per attempt. Nothing is
 * gathered while nobody listens.
 */
export class DeliveryLiveFeed {
  private readonly listeners = new Set<LiveFeedListener>();
  private pending: Array<LoggedAttempt & { id: number }> = [];
  private windowOpen = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Emails for the rows (looked up once per user and batch). */
    private readonly emailOf: (userId: string) => Promise<string> = () => Promise.resolve("unknown"),
  ) {}

  /** Called with each batch of stored rows, oldest first; returns the unsubscribe. */
  subscribe(listener: LiveFeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rows just committed, and index for index their ids. */
  add(rows: readonly LoggedAttempt[], ids: readonly number[]): void {
    if (this.listeners.size === 0) return;
    rows.forEach((row, index) => this.pending.push({ ...row, id: ids[index] ?? 0 }));
    if (this.windowOpen) return;
    this.windowOpen = true;
    void this.clock.sleep(LIVE_FEED_INTERVAL_MS).then(() => this.send());
  }

  private async send(): Promise<void> {
    this.windowOpen = false;
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    try {
      const userIds = [...new Set(rows.map((row) => row.user_id))];
      const emails = new Map(await Promise.all(userIds.map(async (id) => [id, await this.emailOf(id)] as const)));
      const batch = rows.map((row) => toDeliveryRow({ ...row, user_email: emails.get(row.user_id) ?? "unknown" }));
      for (const listener of this.listeners) listener(batch);
    } catch (error) {
      this.logger.error({ err: error }, "could not announce delivery rows");
    }
  }
}
