import { z } from "zod";
import packageJson from "@/package.json";
import type { ApiContent, RouteAuth, RouteDefinition } from "../http/route";
import { API_ROUTES } from "../routes/all-routes";
import { CLIENT_TO_SERVER_EVENTS, SERVER_TO_CLIENT_EVENTS, type SocketEventDoc } from "./socket-event-docs";

/*
 * OpenAPI 3.1 from the zod schemas the routes parse and answer with (zod 4's JSON Schema output, which is
 * the dialect OpenAPI 3.1 uses). Schemas are inlined where used: a request body is described as the route
 * accepts it (defaults optional), an answer as the route sends it.
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const override = io === "input" ? tidy : tidyAnswer;
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", override }) as JsonSchema;
  return rest;
}

/** Drops what only repeats something else: zod's regex behind a `format`, and JavaScript's safe-integer bounds. */
function tidy({ jsonSchema: node }: { jsonSchema: JsonSchema }): void {
  if (typeof node.format === "string") delete node.pattern;
  if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
  if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
}

/** As tidy; and answers and payloads may gain fields (contract §3: "more may be added, none taken away"), so none is closed. */
function tidyAnswer(context: { jsonSchema: JsonSchema }): void {
  tidy(context);
  if (context.jsonSchema.additionalProperties === false) delete context.jsonSchema.additionalProperties;
}

const SECURITY: Record<RouteAuth, Array<Record<string, string[]>>> = {
  public: [],
  session: [{ sessionCookie: [] }],
  admin: [{ sessionCookie: [] }],
  "ingest-key": [{ ingestKey: [] }],
  // Open unless METRICS_TOKEN is set.
  "metrics-token": [{}, { metricsToken: [] }],
};

function content(entry: ApiContent, io: "input" | "output") {
  if (!entry.schema && !entry.contentType) return undefined;
  const type = entry.contentType ?? "application/json";
  return { [type]: entry.schema ? { schema: jsonSchema(entry.schema, io) } : {} };
}

function parameters(route: RouteDefinition) {
  const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const inQuery = Object.entries(route.query?.shape ?? {}).map(([name, field]) => ({
    name,
    in: "query",
    // A field that accepts nothing (optional or with a default) may be left out.
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType, "input"),
  }));
  return [...inPath, ...inQuery];
}

/** The request body as documented: the JSON schema the route parses, or a form next-auth reads. */
function requestBody(route: RouteDefinition): ApiContent | undefined {
  if (route.body) return { description: route.bodyDescription ?? "The request body", schema: route.body };
  return route.form;
}

function operation(route: RouteDefinition) {
  const documentedBody = requestBody(route);
  const body = documentedBody && content(documentedBody, "input");
  return {
    summary: route.summary,
    ...(route.description || route.auth === "admin"
      ? { description: [route.description, route.auth === "admin" ? "Admins only (role admin)." : undefined].filter(Boolean).join(" ") }
      : {}),
    tags: [route.tag],
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next?: string) => (next ?? "").toUpperCase())}`,
    security: SECURITY[route.auth],
    ...(parameters(route).length > 0 ? { parameters: parameters(route) } : {}),
    ...(documentedBody
      ? { requestBody: { required: true, description: documentedBody.description, ...(body ? { content: body } : {}) } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, answer]) => {
        const answerContent = content(answer, "output");
        return [status, { description: answer.description, ...(answerContent ? { content: answerContent } : {}) }];
      }),
    ),
  };
}

function socketEvents(events: Record<string, SocketEventDoc>) {
  return Object.fromEntries(
    Object.entries(events).map(([name, event]) => [
      name,
      {
        summary: event.summary,
        audience: event.audience,
        ...(event.payload ? { payload: jsonSchema(event.payload, "output") } : {}),
        ...(event.ack ? { ack: jsonSchema(event.ack, "output") } : {}),
      },
    ]),
  );
}

function build() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Signal Desk API",
      version: packageJson.version,
      description:
        "Ingest (an external scanner posts patterns or bars), the trader's API, the admin API and operations. The Socket.IO events are under x-socket-io. docs/api.md explains them in prose.",
    },
    tags: [
      { name: "ingest", description: "For pattern scanners: bearer INGEST_API_KEY" },
      { name: "trader", description: "A signed-in user's own data" },
      { name: "admin", description: "Role admin only" },
      { name: "auth", description: "next-auth's credentials flow" },
      { name: "operations", description: "Probes, metrics and this document" },
    ],
    paths,
    components: {
      securitySchemes: {
        ingestKey: { type: "http", scheme: "bearer", description: "INGEST_API_KEY" },
        metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN, when set" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description:
            "The session cookie set by POST /api/auth/callback/credentials. State-changing requests need Content-Type: application/json and, with an Origin header, this site's origin (else 415 or 403).",
        },
      },
    },
    "x-socket-io": {
      path: "/socket.io",
      description:
        "Same origin and port, default namespace. The handshake authenticates with the session cookie (browsers) or auth: { token } holding the same session token; otherwise connect_error 'unauthorized'. The server puts each socket in user:<id> (and admins in admins).",
      server_to_client: socketEvents(SERVER_TO_CLIENT_EVENTS),
      client_to_server: socketEvents(CLIENT_TO_SERVER_EVENTS),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof build>;

let cached: OpenApiDocument | null = null;

/** The API document; built once per process, since the routes and schemas never change while it runs. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= build());
}
