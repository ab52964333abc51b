import { DELIVERY_FILTER_KEYS, DeliveryLogQuerySchema, type DeliveryFilters } from "@/lib/delivery-log-schema";

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * Query fields the way a plain HTML form sends them: empty fields mean "no filter", and a `datetime-local`
 * value without an offset is read as UTC.
 */
export function formQueryFields(raw: RawParams): Record<string, string> {
  const entries: Record<string, string> = {};
  const pairs = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  for (const [key, value] of pairs) {
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (!text) continue;
    entries[key] = (key === "since" || key === "until") && LOCAL_DATETIME.test(text) ? `${text}Z` : text;
  }
  return entries;
}

/** Delivery filters from a form's query string (see formQueryFields). */
export function parseDeliveryFilters(raw: RawParams) {
  return DeliveryLogQuerySchema.safeParse(formQueryFields(raw));
}

/** The filters of a query as URL parameters, without limit and cursor. */
export function deliveryFilterParams(query: DeliveryFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of DELIVERY_FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}
