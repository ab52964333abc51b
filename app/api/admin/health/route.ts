import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { DELIVERY_HEALTH } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** Attempts by outcome and delivered latency percentiles for the last 5 minutes and hour, and attempts per channel (admins only). */
export const GET = route(DELIVERY_HEALTH, async () => {
  const { admin, clock } = services();
  return NextResponse.json(await admin.deliveryHealth(clock.now()));
});
