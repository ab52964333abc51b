import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { LIST_DELIVERIES } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** Delivery log rows, newest first, filtered and paginated by cursor (admins only). */
export const GET = route(LIST_DELIVERIES, async ({ query }) => NextResponse.json(await services().deliveryLog.query(query)));
