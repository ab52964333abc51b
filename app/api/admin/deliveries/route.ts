import { NextResponse, type NextRequest } from "next/server";
import { DeliveryLogQuerySchema } from "@/lib/delivery-log-schema";
import { validationError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { services } from "@/server/registry";

/** Delivery log rows, newest first, filtered and paginated by cursor (admins only). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const query = DeliveryLogQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) return validationError(query.error, "Invalid query");
  return NextResponse.json(await services().deliveryLog.query(query.data));
}
