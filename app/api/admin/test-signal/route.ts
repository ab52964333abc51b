import { NextResponse } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { route } from "@/server/http/route";
import { buildTestPattern } from "@/server/admin/test-signal";
import { SEND_TEST_SIGNAL } from "@/server/routes/admin-routes";
import { services } from "@/server/registry";

/** Sends one user a fresh test signal through the real pipeline and delivery; answers with the ingest body (admins only). */
export const POST = route(SEND_TEST_SIGNAL, async ({ identity, body }) => {
  const { users, pipeline, clock, logger } = services();
  const user = await users.findById(body.user_id);
  if (!user) return jsonError(404, "User not found");
  if (user.disabled) return jsonError(409, "User is disabled");
  const result = await pipeline.ingest(buildTestPattern(user, body, clock.now()), "admin-test", { isTest: true });
  logger.info({ admin_id: identity.userId, user_id: user.id, pattern_id: result.body.pattern_id }, "test signal sent by admin");
  return NextResponse.json(result.body);
});
