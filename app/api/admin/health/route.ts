import { NextResponse, type NextRequest } from "next/server";
import { requireSession } from "@/server/http/request-auth";
import { deliveryHealth } from "@/server/admin/delivery-health";
import { services } from "@/server/registry";

/** Attempts by outcome and delivered latency percentiles for the last 5 minutes and hour (admins only). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const { database, clock } = services();
  return NextResponse.json(await deliveryHealth(database.db, clock.now()));
}
