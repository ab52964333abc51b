import type { IncomingMessage, ServerResponse } from "node:http";
import { POST as ingestPattern } from "@/app/api/patterns/route";
import { MAX_BODY_BYTES } from "./request-body";

type RouteHandler = (request: Request) => Promise<Response>;
type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

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
    const handler = DIRECT_ROUTES[`${req.method ?? "GET"} ${path}`];
    if (!handler) return next(req, res);
    void serve(handler, req, res);
  };
}

async function serve(handler: RouteHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const response = await handler(await toWebRequest(req));
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...SECURITY_HEADERS, ...Object.fromEntries(response.headers), "content-length": body.length });
    res.end(body);
  } catch {
    // The route answers every failure of its own; what reaches here is a request body that broke off midway.
    if (res.headersSent) return void res.end();
    res.writeHead(400, { ...SECURITY_HEADERS, "content-type": "application/json" });
    res.end(JSON.stringify({ error: "Malformed request" }));
  }
}

/**
 * The body, kept up to one byte past the largest any direct route accepts (the route then answers "too large")
 * and read to its end either way: answering with unread bytes would make the kernel reset the connection.
 */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (kept > MAX_BODY_BYTES) continue;
    chunks.push(chunk);
    kept += chunk.length;
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
