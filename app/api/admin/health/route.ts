import { NextResponse, type NextRequest } from "next/server";
import { requireSession } from "@/server/http/request-auth";
import { services } from "@/server/registry";

/** Attempts by outcome and delivered latency percentiles for the last 5 minutes and hour, and attempts per channel (admins only). */
export async function GET(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const { admin, clock } = services();
  return NextResponse.json(await admin.deliveryHealth(clock.now()));
}
