import { route } from "@/server/http/route";
import { deliveryCsvStream } from "@/server/admin/delivery-export";
import { EXPORT_DELIVERIES } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** The filtered delivery log as a CSV download, newest first, at most 50 000 rows (admins only). */
export const GET = route(EXPORT_DELIVERIES, ({ query }) => {
  const { clock, deliveryLog } = services();
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, "-");
  return new Response(deliveryCsvStream(deliveryLog, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="deliveries-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
