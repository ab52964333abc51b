import type { Kysely, Selectable } from "kysely";
import type { DeliveryLogRow } from "@/lib/delivery-log-schema";
import type { Database, DeliveryLogTable } from "../db/schema";

type JoinedRow = Selectable<DeliveryLogTable> & { user_email: string; symbol: string };

/** delivery_log joined with the user's email and the signal's symbol: the shape every admin view lists. */
export function selectDeliveryRows(db: Kysely<Database>) {
  return db
    .selectFrom("delivery_log as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .innerJoin("signals as s", "s.id", "d.signal_id")
    .select([
      "d.id",
      "d.signal_id",
      "d.user_id",
      "u.email as user_email",
      "s.symbol",
      "d.channel",
      "d.attempt",
      "d.outcome",
      "d.latency_ms",
      "d.sockets",
      "d.error",
      "d.created_at",
    ]);
}

/** A joined row as the API shows it (the same shape as GET /api/admin/deliveries). */
export function toDeliveryRow(row: JoinedRow): DeliveryLogRow {
  return {
    id: String(row.id),
    signal_id: row.signal_id,
    user_id: row.user_id,
    user_email: row.user_email,
    symbol: row.symbol,
    channel: row.channel,
    attempt: row.attempt,
    outcome: row.outcome,
    latency_ms: row.latency_ms,
    sockets: row.sockets,
    error: row.error ?? null,
    created_at: new Date(row.created_at).toISOString(),
  };
}
