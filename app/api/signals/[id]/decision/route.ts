import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { DECIDE_SIGNAL } from "@/server/routes/trader-routes";
import { services } from "@/server/registry";

/** Take or skip one's own signal before it expires; every tab of the user hears about it. A 409 names the signal's status. */
export const POST = route(DECIDE_SIGNAL, async ({ identity, body, params }) => {
  const result = await services().decisions.decide(identity.userId, params.id ?? "", body);
  if (result.ok) return NextResponse.json(result.update);
  return result.code === 409 ? jsonError(409, result.error, { status: result.status }) : jsonError(404, result.error);
});
