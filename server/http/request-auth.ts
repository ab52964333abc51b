import { timingSafeEqual } from "node:crypto";
import type { NextRequest, NextResponse } from "next/server";
import { sessionTokenFromCookieHeader, type SessionIdentity } from "../auth/auth-service";
import type { Role } from "../auth/user-store";
import { services } from "../registry";
import { jsonError } from "./api-response";

type Authorized = { ok: true; identity: SessionIdentity } | { ok: false; response: NextResponse };

/** The caller's verified session: 401 without one, 403 when a role is required and not held. */
export async function requireSession(request: NextRequest, role?: Role): Promise<Authorized> {
  // Both cookie names: behind a TLS-terminating proxy next-auth sets the __Secure- one.
  const identity = await services().auth.identifyToken(sessionTokenFromCookieHeader(request.headers.get("cookie") ?? undefined));
  if (!identity) return { ok: false, response: jsonError(401, "Sign in required") };
  if (role && identity.role !== role) return { ok: false, response: jsonError(403, `Requires the ${role} role`) };
  return { ok: true, identity };
}

/** True when `Authorization: Bearer <expected>` matches, compared in constant time. */
export function hasBearer(request: NextRequest, expected: string | undefined): boolean {
  if (!expected) return false;
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
