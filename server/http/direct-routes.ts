import type { IncomingMessage, ServerResponse } from "node:http";
import { POST as ingestPattern } from "@/app/api/patterns/route";
import { services } from "../registry";
import { MAX_BODY_BYTES } from "./request-body";
import { bearerMatches } from "./request-auth";

type RouteHandler = (request: Request) => Promise<Response>;
type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;
type Refusal = { status: number; body: { error: string; issues?: Array<{ path: string; message: string }> } };
/** Decided from the headers alone, before a byte of the body is read: an answer, or null to go on. */
type Precheck = (req: IncomingMessage) => Refusal | null;

const TOO_LARGE: Refusal = {
  status: 400,
  body: { error: "Request body too large", issues: [{ path: "(root)", message: `body must be at most ${MAX_BODY_BYTES} bytes` }] },
};

/**
 * The ingest key is checked before the body is read: a caller without it cannot make this process buffer
 * anything, and a declared length over the cap is refused at once.
 */
const ingestKeyFirst: Precheck = (req) => {
  if (!bearerMatches(req.headers.authorization, services().env.INGEST_API_KEY))
    return { status: 401, body: { error: "Missing or invalid ingest API key" } };
  if (Number(req.headers["content-length"] ?? "0") > MAX_BODY_BYTES) return TOO_LARGE;
  return null;
};

const PRECHECKS: Record<string, Precheck> = {
  "POST /api/patterns": ingestKeyFirst,
};

/**
 * Routes the custom server calls itself instead of going through Next's router: the ingest of patterns is
 * the delivery benchmark's hot path, and a CPU profile showed Next's request handling (routing, its async
 * context, response compression) as about a fifth of the server's busy time. The handler is the very one
 * in app/ — one implementation, documented and tested there — called with a web Request built here.
 */
const DIRECT_ROUTES: Record<string, RouteHandler> = {
  "POST /api/patterns": ingestPattern,
};

/** What next.config.mjs adds to every answer Next gives; direct answers carry the same. */
const SECURITY_HEADERS = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
} as const;

/** Serves a direct route, or hands the request on to `next` (Next's handler). */
export function directRoutes(next: NodeHandler): NodeHandler {
  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = `${req.method ?? "GET"} ${path}`;
    const handler = DIRECT_ROUTES[route];
    if (!handler) return next(req, res);
    const refusal = PRECHECKS[route]?.(req);
    if (refusal) return refuseUnread(req, res, refusal);
    void serve(handler, req, res);
  };
}

async function serve(handler: RouteHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const response = await handler(await toWebRequest(req));
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...SECURITY_HEADERS, ...Object.fromEntries(response.headers), "content-length": body.length });
    res.end(body);
  } catch (error) {
    // The route answers every failure of its own; what reaches here is a body that broke off or ran too long.
    if (res.headersSent) return void res.end();
    if (error instanceof BodyTooLargeError) {
      return refuseUnread(req, res, TOO_LARGE);
    }
    res.writeHead(400, { ...SECURITY_HEADERS, "content-type": "application/json" });
    res.end(JSON.stringify({ error: "Malformed request" }));
  }
}

/**
 * Answers before the body is read, then lets at most MAX_BODY_BYTES of it drain (closing with unread bytes
 * makes the kernel reset the connection, and the client would see ECONNRESET instead of the answer); a
 * sender that keeps going is cut off.
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, { ...SECURITY_HEADERS, "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify(refusal.body));
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_BODY_BYTES) req.destroy();
  });
  req.on("error", () => undefined);
}

/** A body past the largest any direct route accepts: reading stops there and the connection is closed. */
class BodyTooLargeError extends Error {}

/** The body, up to one byte past the largest any direct route accepts; beyond that, BodyTooLargeError. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    kept += chunk.length;
    if (kept > MAX_BODY_BYTES) throw new BodyTooLargeError();
  }
  return Buffer.concat(chunks);
}

async function toWebRequest(req: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // The handlers read headers and body only; a fixed origin keeps a hostile Host header out of URL parsing.
  return new Request(`http://localhost${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    // A Buffer is a Uint8Array: no copy. (The DOM typing of BodyInit does not list Node's Buffer.)
    body: (await readBody(req)) as Uint8Array<ArrayBuffer>,
  });
}
