import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { setUserDisabled } from "@/server/admin/user-admin";
import { CHANGE_USER } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** `{ "disabled": boolean }`: disabling closes the user's sockets at once and refuses their sessions (admins only). */
export const PATCH = route(CHANGE_USER, async ({ identity, body, params }) => {
  const id = params.id ?? "";
  const { users, io, logger } = services();
  const result = await setUserDisabled(users, io, identity.userId, id, body.disabled);
  if (!result.ok) return jsonError(result.status, result.error);
  logger.info({ admin_id: identity.userId, user_id: id, disabled: body.disabled }, "user access changed by admin");
  return NextResponse.json(result.user);
});
