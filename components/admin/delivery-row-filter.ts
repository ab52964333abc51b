import type { DeliveryFilters, DeliveryLogRow } from "@/lib/delivery-log-schema";

/** The same test the server's query applies, for rows that arrive live over the socket. */
export function rowMatcher(filters: DeliveryFilters): (row: DeliveryLogRow) => boolean {
  const since = filters.since ? Date.parse(filters.since) : null;
  const until = filters.until ? Date.parse(filters.until) : null;
  return (row) => {
    if (filters.user && row.user_id !== filters.user && row.user_email !== filters.user.toLowerCase()) return false;
    if (filters.signal && row.signal_id !== filters.signal) return false;
    if (filters.symbol && row.symbol !== filters.symbol.toUpperCase()) return false;
    if (filters.status && row.outcome !== filters.status) return false;
    if (filters.channel && row.channel !== filters.channel) return false;
    const at = Date.parse(row.created_at);
    if (since !== null && at < since) return false;
    if (until !== null && at >= until) return false;
    return true;
  };
}

/** Rows by id, newest (highest id) first, each once: live rows and pages may overlap. */
export function mergeRows(current: readonly DeliveryLogRow[], incoming: readonly DeliveryLogRow[]): DeliveryLogRow[] {
  const byId = new Map(current.map((row) => [row.id, row]));
  for (const row of incoming) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id));
}
