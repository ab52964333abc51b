import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { PUSH_PUBLIC_KEY } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/** The VAPID public key browsers subscribe with (contract §5); 503 when push is not configured. */
export const GET = route(PUSH_PUBLIC_KEY, () => {
  const vapid = services().away.vapid;
  if (!vapid) return jsonError(503, "Web Push is not configured (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY)");
  return NextResponse.json({ public_key: vapid.publicKey });
});
