import { NextResponse, type NextRequest } from "next/server";
import { PreferencesSchema } from "@/lib/preferences";
import { preferencesOf } from "@/server/auth/user-store";
import { jsonError } from "@/server/http/api-response";
import { requireSession } from "@/server/http/request-auth";
import { parseJsonBody } from "@/server/http/request-body";
import { services } from "@/server/registry";

export async function GET(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const user = await services().users.findById(session.identity.userId);
  if (!user) return jsonError(404, "User not found");
  return NextResponse.json(preferencesOf(user, services().env.SIGNAL_TTL_SECONDS));
}

export async function PUT(request: NextRequest) {
  const session = await requireSession(request);
  if (!session.ok) return session.response;
  const body = await parseJsonBody(request, PreferencesSchema);
  if (!body.ok) return body.response;
  await services().users.updatePreferences(session.identity.userId, body.data);
  return NextResponse.json(body.data);
}
