import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { services } from "@/server/registry";

type Context = { params: Promise<{ id: string }> };

/** One signal with its pattern, every delivery attempt and its timeline (admins only). */
export async function GET(request: NextRequest, context: Context) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const { id } = await context.params;
  const timeline = id.length <= 100 ? await services().admin.signalTimeline(id) : null;
  return timeline ? NextResponse.json(timeline) : jsonError(404, "Signal not found");
}
