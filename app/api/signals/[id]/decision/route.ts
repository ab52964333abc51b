import { NextResponse, type NextRequest } from "next/server";
import { DecisionSchema } from "@/lib/signal-notification";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

type Context = { params: Promise<{ id: string }> };

/** Take or skip one's own signal before it expires; every tab of the user hears about it. A 409 names the signal's status. */
export async function POST(request: NextRequest, context: Context) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, DecisionSchema);
  if (!body.ok) return body.response;
  const { id } = await context.params;
  const result = await services().decisions.decide(session.identity.userId, id, body.data);
  if (result.ok) return NextResponse.json(result.update);
  return result.code === 409 ? jsonError(409, result.error, { status: result.status }) : jsonError(404, result.error);
}
