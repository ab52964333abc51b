import type { NextRequest } from "next/server";
import { validationError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { deliveryCsvStream } from "@/server/admin/delivery-export";
import { parseDeliveryFilters } from "@/server/admin/delivery-filters";
import { services } from "@/server/registry";

/** The filtered delivery log as a CSV download, newest first, at most 50 000 rows (admins only). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const query = parseDeliveryFilters(request.nextUrl.searchParams);
  if (!query.success) return validationError(query.error, "Invalid query");
  const { limit: _limit, cursor: _cursor, ...filter } = query.data;
  const stamp = new Date(services().clock.now()).toISOString().replace(/[:.]/g, "-");
  return new Response(deliveryCsvStream(services().deliveryLog, filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="deliveries-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
