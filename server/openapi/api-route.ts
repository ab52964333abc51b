import type { z } from "zod";

/** Who may call a route; each maps to a security requirement of the document. */
export type Access = "public" | "session" | "admin" | "ingest-key" | "metrics-token";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** A body or answer: a zod schema (the one the route parses or builds with), or a fixed content type. */
export interface ApiContent {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/**
 * One operation of the HTTP API as the document shows it. Adding a route under `app/` means adding one of
 * these to the list that fits (http-routes.ts, admin-routes.ts); tests/openapi.test.ts fails until then.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI form: `/api/signals/{id}/decision`. */
  path: string;
  summary: string;
  description?: string;
  tag: "ingest" | "trader" | "admin" | "auth" | "operations";
  access: Access;
  /** A z.object whose keys are the query parameters. */
  query?: z.ZodObject;
  body?: ApiContent;
  responses: Record<number, ApiContent>;
}

/** One Socket.IO event as the document shows it. */
export interface SocketEventDoc {
  summary: string;
  /** Who receives it (server → client) or who may send it (client → server). */
  audience: string;
  payload?: z.ZodType;
  /** What the acknowledgement callback is called with, when the event has one. */
  ack?: z.ZodType;
}
