import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { SIGNAL_TIMELINE } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** One signal with its pattern, every delivery attempt and its timeline (admins only). */
export const GET = route(SIGNAL_TIMELINE, async ({ params }) => {
  const id = params.id ?? "";
  const timeline = id.length <= 100 ? await services().admin.signalTimeline(id) : null;
  return timeline ? NextResponse.json(timeline) : jsonError(404, "Signal not found");
});
