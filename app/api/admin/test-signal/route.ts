import { NextResponse, type NextRequest } from "next/server";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { buildTestPattern, TestSignalRequestSchema } from "@/server/admin/test-signal";
import { services } from "@/server/registry";

/** Sends one user a fresh test signal through the real pipeline and delivery; answers with the ingest body (admins only). */
export async function POST(request: NextRequest) {
  const session = await requireSession(request, "admin");
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, TestSignalRequestSchema);
  if (!body.ok) return body.response;
  const { users, pipeline, clock, logger } = services();
  const user = await users.findById(body.data.user_id);
  if (!user) return jsonError(404, "User not found");
  if (user.disabled) return jsonError(409, "User is disabled");
  const result = await pipeline.ingest(buildTestPattern(user, body.data, clock.now()), "admin-test", { isTest: true });
  logger.info({ admin_id: session.identity.userId, user_id: user.id, pattern_id: result.body.pattern_id }, "test signal sent by admin");
  return NextResponse.json(result.body);
}
