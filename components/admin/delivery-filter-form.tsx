import Link from "next/link";
import { DELIVERY_OUTCOMES, type DeliveryFilters } from "@/lib/delivery-log-schema";

/** An ISO time as a `datetime-local` value in UTC (the form reads offset-less times as UTC). */
const toInputValue = (iso: string | undefined) => (iso ? new Date(iso).toISOString().slice(0, 19) : "");

/** A plain GET form: works without JavaScript, and the URL is the shareable state of the view. */
export function DeliveryFilterForm({ filters, limit }: { filters: DeliveryFilters; limit: number }) {
  return (
    <form className="card admin-filters" method="get" action="/admin/deliveries" aria-label="Filter deliveries">
      <label>
        User (email or id)
        <input name="user" defaultValue={filters.user ?? ""} autoComplete="off" />
      </label>
      <label>
        Symbol
        <input name="symbol" defaultValue={filters.symbol ?? ""} autoComplete="off" size={8} />
      </label>
      <label>
        Signal id
        <input name="signal" defaultValue={filters.signal ?? ""} autoComplete="off" />
      </label>
      <label>
        Outcome
        <select name="status" defaultValue={filters.status ?? ""}>
          <option value="">any</option>
          {DELIVERY_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </label>
      <label>
        Since (UTC)
        <input type="datetime-local" step={1} name="since" defaultValue={toInputValue(filters.since)} />
      </label>
      <label>
        Until (UTC)
        <input type="datetime-local" step={1} name="until" defaultValue={toInputValue(filters.until)} />
      </label>
      {limit !== 50 && <input type="hidden" name="limit" value={limit} />}
      <div className="admin-filter-actions">
        <button type="submit">Apply filters</button>
        <Link href="/admin/deliveries">Clear</Link>
      </div>
    </form>
  );
}
