import { DeliveryFeed } from "@/components/admin/delivery-feed";
import { DeliveryFilterForm } from "@/components/admin/delivery-filter-form";
import { adminPageIdentity } from "@/server/admin/admin-page";
import { deliveryFilterParams, parseDeliveryFilters } from "@/server/admin/delivery-filters";
import type { DeliveryFilters } from "@/lib/delivery-log-schema";
import { services } from "@/server/registry";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Every delivery attempt, newest first: filters in the URL, live rows over the socket, older pages by cursor. */
export default async function DeliveriesPage({ searchParams }: { searchParams: SearchParams }) {
  await adminPageIdentity();
  const parsed = parseDeliveryFilters(await searchParams);
  if (!parsed.success) {
    return (
      <>
        <h1>Deliveries</h1>
        <DeliveryFilterForm filters={{}} limit={50} />
        <div role="alert" className="card error">
          <p>These filters are not valid:</p>
          <ul>
            {parsed.error.issues.map((issue) => (
              <li key={`${issue.path.join(".")}:${issue.message}`}>
                {issue.path.join(".")}: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      </>
    );
  }
  const { limit, cursor, ...rest } = parsed.data;
  const filters: DeliveryFilters = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const page = await services().deliveryLog.query(parsed.data);
  const filterQuery = deliveryFilterParams(filters).toString();
  return (
    <>
      <div className="admin-section-head">
        <h1>Deliveries</h1>
        <a
          className="button-link"
          href={`/api/admin/deliveries/export${filterQuery ? `?${filterQuery}` : ""}`}
          download
          data-testid="export-csv"
        >
          Export CSV
        </a>
      </div>
      <p className="muted">
        Did a trader get a signal, when, and if not why: every attempt with its latency from approval and the sockets it reached.
      </p>
      <DeliveryFilterForm filters={filters} limit={limit} />
      {cursor && (
        <p>
          Showing attempts older than a cursor; <a href={`/admin/deliveries${filterQuery ? `?${filterQuery}` : ""}`}>back to the newest</a>.
        </p>
      )}
      <DeliveryFeed
        key={`${filterQuery}|${limit}|${cursor ?? ""}`}
        filters={filters}
        limit={limit}
        initialRows={page.rows}
        initialCursor={page.next_cursor}
        live={!cursor}
      />
    </>
  );
}
