import type { z } from "zod";
import type { SessionIdentity } from "../auth/auth-service";
import type { ApiContent, ApiRoute, HttpMethod } from "../openapi/api-route";
import { services } from "../registry";
import { serviceUnavailable, validationError } from "./api-response";
import { requireSession } from "./request-auth";
import { parseJsonBody } from "./request-body";

/** Who may call a route defined here; ingest-key and metrics routes keep their own checks. */
export type RouteAuth = "public" | "session" | "admin";

/**
 * One HTTP operation, defined once: `route()` enforces it (session, body, query) and the API document shows it
 * (server/openapi/), so what is documented is what is parsed.
 */
export interface RouteDefinition<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined> {
  method: HttpMethod;
  /** OpenAPI form: `/api/signals/{id}/decision`. */
  path: string;
  summary: string;
  description?: string;
  tag: ApiRoute["tag"];
  auth: RouteAuth;
  body?: B;
  bodyDescription?: string;
  query?: Q;
  responses: Record<number, ApiContent>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the checked caller, the parsed body and query, and the path parameters. */
export interface RouteInput<A extends RouteAuth, B, Q> {
  request: Request;
  identity: A extends "public" ? null : SessionIdentity;
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

/**
 * A Next route handler from a definition: 401/403 JSON without the session or role it needs, 400 with every
 * issue for a bad body or query, and a 503 with Retry-After (logged) when the handler throws — a database
 * outage being the usual cause, a retry is what the caller should do.
 */
export function route<A extends RouteAuth, B extends z.ZodType | undefined, Q extends z.ZodObject | undefined>(
  definition: RouteDefinition<B, Q> & { auth: A },
  handler: (input: RouteInput<A, B, Q>) => Promise<Response> | Response,
): (request: Request, context?: NextContext) => Promise<Response> {
  return async (request, context) => {
    let identity: SessionIdentity | null = null;
    if (definition.auth !== "public") {
      const session = await requireSession(request, definition.auth === "admin" ? "admin" : undefined);
      if (!session.ok) return session.response;
      identity = session.identity;
    }
    let body: unknown;
    if (definition.body) {
      const parsed = await parseJsonBody(request, definition.body);
      if (!parsed.ok) return parsed.response;
      body = parsed.data;
    }
    let query: unknown;
    if (definition.query) {
      const parsed = definition.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!parsed.success) return validationError(parsed.error, "Invalid query");
      query = parsed.data;
    }
    const params = context ? await context.params : {};
    try {
      return await handler({ request, identity, body, query, params } as RouteInput<A, B, Q>);
    } catch (error) {
      services().logger.error({ err: error, method: definition.method, path: definition.path }, "route handler failed");
      return serviceUnavailable();
    }
  };
}

/** The definition as the API document's operation. */
export function toApiRoute(definition: RouteDefinition<z.ZodType | undefined, z.ZodObject | undefined>): ApiRoute {
  const { auth, body, bodyDescription, ...operation } = definition;
  return {
    ...operation,
    access: auth,
    ...(body ? { body: { description: bodyDescription ?? "The request body", schema: body } } : {}),
  };
}
