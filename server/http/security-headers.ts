import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** One year, the value HSTS preload lists ask for. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * The page's Content-Security-Policy. Scripts run only with this response's nonce ('strict-dynamic' lets
 * Next's runtime load its chunks); styles allow inline because react-hot-toast writes a <style> element and
 * React renders style attributes, neither of which can carry a nonce. Socket.IO, fetch and the service
 * worker stay on this origin ('self' covers ws:/wss: to it).
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // Dev mode's React refresh evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Sets the CSP on the answer and on the request: Next reads the nonce from the request's
 * `content-security-policy` header and puts it on every script it renders (what a Next proxy would do, done
 * in the custom server so no second middleware runtime runs per request). A client-sent copy is replaced.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { https: boolean; dev: boolean }): void {
  const policy = contentSecurityPolicy(randomBytes(16).toString("base64"), options.dev);
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("content-security-policy", policy);
  // Only over HTTPS: on plain http the header is ignored by browsers, and sent from a dev box over http it
  // would pin a name to HTTPS that may not serve it.
  if (options.https) res.setHeader("strict-transport-security", HSTS_VALUE);
}
