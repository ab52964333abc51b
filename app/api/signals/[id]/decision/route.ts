import { NextResponse, type NextRequest } from "next/server";
import { DecisionSchema } from "@/lib/signal-notification";
import { userRoom } from "@/lib/socket-events";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

type Context = { params: Promise<{ id: string }> };

/** Take or skip one's own signal before it expires; every tab of the user hears about it. */
export async function POST(request: NextRequest, context: Context) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, DecisionSchema);
  if (!body.ok) return body.response;
  const { id } = await context.params;
  const { signals, clock, io } = services();
  const userId = session.identity.userId;
  const now = clock.now();
  const status = body.data.decision === "take" ? "taken" : "skipped";
  if (await signals.decide(id, userId, status, body.data.reason ?? null, now)) {
    const update = { signal_id: id, status, decided_at: new Date(now).toISOString() } as const;
    io.to(userRoom(userId)).emit("signal_updated", update);
    return NextResponse.json(update);
  }
  const signal = await signals.findById(id);
  // Another user's signal is indistinguishable from one that does not exist.
  if (!signal || signal.user_id !== userId || signal.status === "rejected") return jsonError(404, "Signal not found");
  if (signal.status === "expired" || (signal.expires_at ?? 0) <= now) return jsonError(409, "Signal has expired");
  return jsonError(409, `Signal was already ${signal.status}`);
}
