import { timingSafeEqual } from "node:crypto";
import type { SessionIdentity } from "../auth/auth-service";
import type { Role } from "../auth/user-store";
import { services } from "../registry";
import { jsonError, serviceUnavailable } from "./api-response";

type Authorized = { ok: true; identity: SessionIdentity } | { ok: false; response: Response };

/** The caller's verified session: 401 without one, 403 when a role is required and not held. */
export async function requireSession(request: Request, role?: Role): Promise<Authorized> {
  // Parsed by the live service (not this bundle's copy): both cookie names, and other cookies never matter.
  let identity: SessionIdentity | null;
  try {
    identity = await services().auth.identifyCookieHeader(request.headers.get("cookie"));
  } catch (error) {
    services().logger.warn({ err: error }, "session check failed: database unavailable");
    return { ok: false, response: serviceUnavailable() };
  }
  if (!identity) return { ok: false, response: jsonError(401, "Sign in required") };
  if (role && identity.role !== role) return { ok: false, response: jsonError(403, `Requires the ${role} role`) };
  return { ok: true, identity };
}

/** True when `Authorization: Bearer <expected>` matches, compared in constant time. */
export function hasBearer(request: Request, expected: string | undefined): boolean {
  return bearerMatches(request.headers.get("authorization"), expected);
}

/** The same check on a raw Authorization header (the custom server's, before any body is read). */
export function bearerMatches(header: string | null | undefined, expected: string | undefined): boolean {
  if (!expected || !header) return false;
  const match = /^Bearer (.+)$/.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
