import type { IncomingMessage, ServerResponse } from "node:http";
import { csrfRefusal } from "./csrf-guard";

/** The header carrying the TCP peer's address to next-auth's authorize(); whatever the client sent is replaced. */
export const PEER_ADDRESS_HEADER = "x-signal-desk-peer";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * What every HTTP request passes before Next sees it: SPEC §2's CSRF rule (415/403) for state-changing
 * requests with a session cookie, and the peer address the sign-in throttle counts by.
 */
export function frontDoor(next: Handler): Handler {
  return (req, res) => {
    // Never trust a client-sent copy: the socket's address is the only one this process can vouch for.
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const refusal = csrfRefusal(req.method, path, req.headers);
    if (refusal) {
      // The body is not read: drain it so the connection can be reused, and answer at once.
      req.resume();
      res.writeHead(refusal.status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: refusal.error }));
      return;
    }
    next(req, res);
  };
}
