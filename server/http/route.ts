import type { z } from "zod";
import type { SessionIdentity } from "../auth/auth-service";
import { isInvalidInputError } from "../pipeline/invalid-input";
import { services } from "../registry";
import { jsonError, serviceUnavailable, validationError } from "./api-response";
import { hasBearer, requireSession } from "./request-auth";
import { MAX_BODY_BYTES, parseJsonBody } from "./request-body";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call a route; each maps to a security requirement of the API document. `route()` checks all but
 * `metrics-token`, whose one route the custom server answers itself.
 */
export type RouteAuth = "public" | "session" | "admin" | "ingest-key" | "metrics-token";

/** A body or answer: a zod schema (the one the route parses or builds with), or a fixed content type. */
export interface ApiContent {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/**
 * One HTTP operation, defined once (server/routes/): `route()` enforces it (caller, body, query) and the API
 * document (server/openapi/) is generated from it, so what is documented is what is parsed.
 */
export interface RouteDefinition<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodObject | undefined = z.ZodObject | undefined,
> {
  method: HttpMethod;
  /** OpenAPI form: `/api/signals/{id}/decision`. */
  path: string;
  summary: string;
  description?: string;
  tag: "ingest" | "trader" | "admin" | "auth" | "operations";
  auth: RouteAuth;
  /** A JSON body, parsed with this schema. */
  body?: B;
  bodyDescription?: string;
  /** A body that is not JSON (next-auth's forms): documented only. */
  form?: ApiContent;
  /** Largest body accepted; 64 KiB unless set. */
  maxBodyBytes?: number;
  /** A z.object whose keys are the query parameters. */
  query?: Q;
  /** Turns the query string into the object `query` parses (default: every parameter as a string). */
  readQuery?: (params: URLSearchParams) => Record<string, string>;
  /** A route that exists only in some configurations (the test clock) answers 404 otherwise, before any check. */
  exists?: () => boolean;
  /** The 503's message when the handler throws. */
  unavailable?: string;
  responses: Record<number, ApiContent>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the checked caller, the parsed body and query, and the path parameters. */
export interface RouteInput<A extends RouteAuth, B, Q> {
  request: Request;
  identity: A extends "session" | "admin" ? SessionIdentity : null;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Record<string, string>;
}

type NextContext = { params: Promise<Record<string, string>> };

/** Keeps the definition's literal types (auth, schemas) for `route()`. */
export function defineRoute<
  A extends RouteAuth,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
>(definition: RouteDefinition<B, Q> & { auth: A }): RouteDefinition<B, Q> & { auth: A } {
  return definition;
}

/** 401/403 without the session, role or key the route needs; null when the caller may go on. */
async function checkCaller(request: Request, auth: RouteAuth): Promise<{ refusal: Response } | { identity: SessionIdentity | null }> {
  if (auth === "public") return { identity: null };
  if (auth === "ingest-key") {
    return hasBearer(request, services().env.INGEST_API_KEY)
      ? { identity: null }
      : { refusal: jsonError(401, "Missing or invalid ingest API key") };
  }
  if (auth === "metrics-token") throw new Error("the metrics route is served by the custom server, not route()");
  const session = await requireSession(request, auth === "admin" ? "admin" : undefined);
  return session.ok ? { identity: session.identity } : { refusal: session.response };
}

/**
 * A Next route handler from a definition: 404 where the route does not exist, 401/403 JSON without the session,
 * role or key it needs, 400 with every issue for a bad body or query (or an InvalidInputError the handler
 * throws), and a 503 with Retry-After (logged) for any other throw — a database outage being the usual cause,
 * a retry is what the caller should do.
 */
export function route<A extends Exclude<RouteAuth, "metrics-token">, B extends z.ZodType | undefined, Q extends z.ZodObject | undefined>(
  definition: RouteDefinition<B, Q> & { auth: A },
  handler: (input: RouteInput<A, B, Q>) => Promise<Response> | Response,
): (request: Request, context?: NextContext) => Promise<Response> {
  return async (request, context) => {
    if (definition.exists && !definition.exists()) return jsonError(404, "Not found");
    const caller = await checkCaller(request, definition.auth);
    if ("refusal" in caller) return caller.refusal;
    let body: unknown;
    if (definition.body) {
      const parsed = await parseJsonBody(request, definition.body, definition.maxBodyBytes ?? MAX_BODY_BYTES);
      if (!parsed.ok) return parsed.response;
      body = parsed.data;
    }
    let query: unknown;
    if (definition.query) {
      const params = new URL(request.url).searchParams;
      const parsed = definition.query.safeParse(definition.readQuery ? definition.readQuery(params) : Object.fromEntries(params));
      if (!parsed.success) return validationError(parsed.error, "Invalid query");
      query = parsed.data;
    }
    const params = context ? await context.params : {};
    try {
      return await handler({ request, identity: caller.identity, body, query, params } as RouteInput<A, B, Q>);
    } catch (error) {
      // Nothing was written (the services roll back): the caller may simply retry.
      if (isInvalidInputError(error)) return jsonError(400, error.message, { issues: error.issues });
      services().logger.error({ err: error, method: definition.method, path: definition.path }, "route handler failed");
      return serviceUnavailable(definition.unavailable);
    }
  };
}
