import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { setUserDisabled, UserPatchSchema } from "@/server/admin/user-admin";
import { services } from "@/server/registry";

type Context = { params: Promise<{ id: string }> };

/** `{ "disabled": boolean }`: disabling closes the user's sockets at once and refuses their sessions (admins only). */
export async function PATCH(request: NextRequest, context: Context) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, UserPatchSchema);
  if (!body.ok) return body.response;
  const { id } = await context.params;
  const { users, io, logger } = services();
  const result = await setUserDisabled(users, io, session.identity.userId, id, body.data.disabled);
  if (!result.ok) return jsonError(result.status, result.error);
  logger.info({ admin_id: session.identity.userId, user_id: id, disabled: body.data.disabled }, "user access changed by admin");
  return NextResponse.json(result.user);
}
