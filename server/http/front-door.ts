import type { IncomingMessage, ServerResponse } from "node:http";
import { csrfRefusal } from "./csrf-guard";
import { proxyTrust, type ProxyRange } from "./proxy-list";
// A refused request's body is read up to the API's largest accepted body (bars), then cut off.
import { MAX_BARS_BODY_BYTES } from "./request-body";
import { applySecurityHeaders } from "./security-headers";

/** The header carrying the client's address to next-auth's authorize(); whatever the client sent is replaced. */
export const PEER_ADDRESS_HEADER = "x-signal-desk-peer";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FrontDoorOptions {
  /** TRUSTED_PROXIES: only these peers' X-Forwarded-For (and X-Forwarded-Proto) are believed. */
  trustedProxies?: readonly ProxyRange[];
  dev?: boolean;
}

/**
 * What every HTTP request passes before Next sees it: contract §2's CSRF rule (415/403) for state-changing
 * requests with a session cookie, the client address the sign-in throttle counts by, and the CSP and HSTS
 * headers.
 */
export function frontDoor(next: Handler, options: FrontDoorOptions = {}): Handler {
  const proxies = proxyTrust(options.trustedProxies ?? []);
  return (req, res) => {
    const peer = req.socket.remoteAddress ?? "";
    // Never trust a client-sent copy: the socket's address (or what a trusted proxy says) is all we can vouch for.
    req.headers[PEER_ADDRESS_HEADER] = proxies.clientOf(peer, req.headers["x-forwarded-for"]);
    // The scheme as a trusted proxy reports it (TLS ends there); a client's own claim is never believed.
    const https = "encrypted" in req.socket || (proxies.isTrusted(peer) && firstValue(req.headers["x-forwarded-proto"]) === "https");
    applySecurityHeaders(req, res, { https, dev: options.dev ?? false });
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const refusal = csrfRefusal(req.method, path, req.headers);
    if (refusal) {
      // Read (and drop) the body before answering: closing a connection with unread bytes makes the kernel
      // reset it, and the client would see ECONNRESET instead of the 415/403. A body past the limit is cut off.
      let size = 0;
      const answer = () => {
        if (res.headersSent) return;
        res.writeHead(refusal.status, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(JSON.stringify({ error: refusal.error }));
      };
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BARS_BODY_BYTES) {
          answer();
          req.destroy();
        }
      });
      req.on("end", answer);
      req.on("error", () => undefined);
      return;
    }
    next(req, res);
  };
}

function firstValue(header: string | string[] | undefined): string {
  const text = Array.isArray(header) ? (header[0] ?? "") : (header ?? "");
  return (text.split(",")[0] ?? "").trim().toLowerCase();
}
