import type { DeliveryLogQuery, DeliveryLogRow } from "@/lib/delivery-log-schema";
import type { DeliveryLog } from "../notifications/delivery-log";
import { csvLine } from "./csv";

export const EXPORT_ROW_CAP = 50_000;
const PAGE_SIZE = 1000;

export const DELIVERY_CSV_COLUMNS = [
  "id",
  "created_at",
  "signal_id",
  "user_id",
  "user_email",
  "symbol",
  "channel",
  "attempt",
  "outcome",
  "latency_ms",
  "sockets",
  "error",
] as const satisfies readonly (keyof DeliveryLogRow)[];

/**
 * The filtered delivery log as CSV, newest first, streamed page by page so a large export never sits
 * in memory at once; stops after `cap` rows.
 */
export function deliveryCsvStream(
  log: DeliveryLog,
  filter: Omit<DeliveryLogQuery, "limit" | "cursor">,
  cap = EXPORT_ROW_CAP,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let written = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(DELIVERY_CSV_COLUMNS)));
        return;
      }
      const limit = Math.min(PAGE_SIZE, cap - written);
      if (limit <= 0) return controller.close();
      const page = await log.query({ ...filter, limit, ...(cursor ? { cursor } : {}) });
      if (page.rows.length > 0) {
        written += page.rows.length;
        controller.enqueue(encoder.encode(page.rows.map((row) => csvLine(DELIVERY_CSV_COLUMNS.map((column) => row[column]))).join("")));
      }
      if (!page.next_cursor || page.rows.length === 0) return controller.close();
      cursor = page.next_cursor;
    },
  });
}
