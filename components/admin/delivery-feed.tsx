"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { DeliveryFilters, DeliveryLogRow } from "@/lib/delivery-log-schema";
import { api } from "@/lib/api-client";
import { getSocket } from "@/lib/socket-client";
import { mergeRows, rowMatcher } from "./delivery-row-filter";
import { formatUtc } from "./format-time";
import { OutcomeBadge } from "./outcome-badge";

/**
 * The delivery log table: the server's first page, then every matching attempt as it is logged (the
 * `delivery_logged` event on the page's one socket), and older pages on demand through next_cursor.
 */
export function DeliveryFeed({
  filters,
  limit,
  initialRows,
  initialCursor,
  live,
}: {
  filters: DeliveryFilters;
  limit: number;
  initialRows: DeliveryLogRow[];
  initialCursor: string | null;
  /** False when the page starts at a cursor: newer rows would not be adjacent to it. */
  live: boolean;
}) {
  const [rows, setRows] = useState(initialRows);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const filterJson = JSON.stringify(filters);
  const filterQuery = useMemo(() => new URLSearchParams(JSON.parse(filterJson) as Record<string, string>).toString(), [filterJson]);

  useEffect(() => {
    if (!live) return;
    const socket = getSocket();
    const matches = rowMatcher(JSON.parse(filterJson) as DeliveryFilters);
    // One message carries the rows of the last 50 ms.
    const onRows = (batch: DeliveryLogRow[]) => {
      const matching = batch.filter(matches);
      if (matching.length > 0) setRows((current) => mergeRows(current, matching));
    };
    // Rows logged while the socket was (re)connecting never arrive as events: catch up from the API.
    const onConnect = () => {
      setConnected(true);
      api.admin.deliveries(`${filterQuery}&limit=${limit}`).then(
        (page) => setRows((current) => mergeRows(current, page.rows)),
        () => undefined,
      );
    };
    const onDisconnect = () => setConnected(false);
    socket.on("delivery_logged", onRows);
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off("delivery_logged", onRows);
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
    };
  }, [live, filterJson, filterQuery, limit]);

  const loadOlder = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api.admin.deliveries(`${filterQuery}&limit=${limit}&cursor=${encodeURIComponent(cursor)}`);
      setRows((current) => mergeRows(current, page.rows));
      setCursor(page.next_cursor);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setLoading(false);
    }
  };

  return (
    <section className="card" aria-labelledby="deliveries-heading">
      <div className="admin-section-head">
        <h2 id="deliveries-heading">Delivery attempts</h2>
        {live && (
          <span className={`badge live-badge ${connected ? "on" : "off"}`} data-testid="live-status" aria-live="polite">
            {connected ? "live" : "connecting…"}
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="deliveries-empty">
          No delivery attempts match these filters yet.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table" data-testid="deliveries-table">
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">User</th>
                <th scope="col">Symbol</th>
                <th scope="col">Signal</th>
                <th scope="col">Channel</th>
                <th scope="col">Attempt</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">
                  Latency
                </th>
                <th scope="col" className="num">
                  Sockets
                </th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="delivery-row" data-signal-id={row.signal_id} data-outcome={row.outcome}>
                  <td>
                    <time dateTime={row.created_at}>{formatUtc(row.created_at)}</time>
                  </td>
                  <td>
                    <Link href={`/admin/deliveries?user=${encodeURIComponent(row.user_email)}`}>{row.user_email}</Link>
                  </td>
                  <td>{row.symbol}</td>
                  <td>
                    <Link href={`/admin/signals/${row.signal_id}`} className="mono" title={row.signal_id}>
                      {row.signal_id}
                    </Link>
                  </td>
                  <td data-testid="channel">{row.channel}</td>
                  <td className="num">{row.attempt}</td>
                  <td>
                    <OutcomeBadge outcome={row.outcome} />
                  </td>
                  <td className="num" data-testid="latency">
                    {row.latency_ms} ms
                  </td>
                  <td className="num" data-testid="sockets">
                    {row.sockets}
                  </td>
                  <td className="muted">{row.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="admin-pager">
        {cursor ? (
          <button type="button" onClick={() => void loadOlder()} disabled={loading}>
            {loading ? "Loading…" : "Older"}
          </button>
        ) : (
          rows.length > 0 && <span className="muted">No older attempts.</span>
        )}
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </div>
    </section>
  );
}
