import type { IncomingMessage, ServerResponse } from "node:http";
import { csrfRefusal } from "./csrf-guard";
// A refused request's body is read up to the API's largest accepted body (bars), then cut off.
import { MAX_BARS_BODY_BYTES } from "./request-body";

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
