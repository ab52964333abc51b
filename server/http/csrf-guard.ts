import type { IncomingHttpHeaders } from "node:http";
import { hasSessionCookie } from "../auth/session-cookie";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface CsrfRefusal {
  status: 403 | 415;
  error: string;
}

/**
 * contract §2's rule for every state-changing request that carries a session cookie, outside next-auth's own
 * form posts: the body must be declared `application/json` (a cross-site form or `fetch` in no-cors mode
 * cannot send that without a preflight) and an `Origin`, when the browser sends one, must be this site.
 * Applied once, in the HTTP server in front of every route, so a new route cannot forget it.
 */
export function csrfRefusal(method: string | undefined, path: string, headers: IncomingHttpHeaders): CsrfRefusal | null {
  if (!method || !STATE_CHANGING.has(method.toUpperCase())) return null;
  if (path.startsWith("/api/auth/") || path.startsWith("/socket.io/")) return null;
  if (!hasSessionCookie(headers.cookie)) return null;
  const origin = headers.origin;
  if (origin !== undefined && !isThisSite(origin, headers)) return { status: 403, error: "Cross-origin request refused" };
  if (!isJson(headers["content-type"])) return { status: 415, error: "Content-Type must be application/json" };
  return null;
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json";
}

/** Same scheme-less host as the request: behind a proxy that rewrites Host, the browser's host is the forwarded one. */
export function isThisSite(origin: string, headers: IncomingHttpHeaders): boolean {
  const forwarded = headers["x-forwarded-host"];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(",")[0]?.trim()) ?? headers.host;
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}
