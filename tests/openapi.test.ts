import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/openapi/openapi-document";
import { discoverRoutes } from "./support/app-routes";
import { startTestServer, type TestServer } from "./support/test-server";

/*
 * The API document must not fall behind the code: every route handler under app/ and every socket event in
 * lib/socket-events.ts has to be in it. A new route fails here until it is defined in server/routes/.
 */

const ROOT = process.cwd();

/** /api/signals/[id]/decision → /api/signals/{id}/decision; a catch-all [...x] → /*. */
const openApiPath = (path: string) => path.replace(/\[\.\.\.[^\]]+\]/g, "*").replace(/\[(\w+)\]/g, "{$1}");

function appRoutes() {
  return discoverRoutes().map((route) => ({ ...route, path: openApiPath(route.path) }));
}

/** The event names declared in one interface of lib/socket-events.ts. */
async function socketEventNames(interfaceName: string): Promise<string[]> {
  const source = await readFile(path.join(ROOT, "lib/socket-events.ts"), "utf8");
  const body = new RegExp(`export interface ${interfaceName} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
  if (body === undefined) throw new Error(`${interfaceName} not found in lib/socket-events.ts`);
  return [...body.matchAll(/^\s{2}(\w+)\s*[:(]/gm)].map((match) => match[1]!);
}

describe("the OpenAPI document covers the code", () => {
  const document = openApiDocument();
  const paths: Record<string, Record<string, unknown>> = document.paths;

  it("has every route handler under app/ with each method it exports", () => {
    const routes = appRoutes();
    // The walk itself must have found the routes, or this test would pass on nothing.
    expect(routes.map((route) => route.path)).toEqual(
      expect.arrayContaining(["/api/patterns", "/api/signals/{id}/decision", "/api/auth/*"]),
    );
    const missing: string[] = [];
    for (const route of routes) {
      expect(route.methods, `${route.file} exports no HTTP method the walk recognises`).not.toHaveLength(0);
      for (const method of route.methods.map((name) => name.toLowerCase())) {
        const documented = route.path.endsWith("/*")
          ? Object.entries(paths).some(
              ([documentedPath, operations]) => documentedPath.startsWith(route.path.slice(0, -1)) && method in operations,
            )
          : method in (paths[route.path] ?? {});
        if (!documented) missing.push(`${method.toUpperCase()} ${route.path} (${route.file})`);
      }
    }
    expect(missing, "define these in server/routes/ and run their handlers through route()").toEqual([]);
  });

  it("has every socket event of lib/socket-events.ts, with its payload or ack", async () => {
    const serverEvents = await socketEventNames("ServerToClientEvents");
    const clientEvents = await socketEventNames("ClientToServerEvents");
    expect(serverEvents).toEqual(expect.arrayContaining(["signal_approved", "signal_updated", "delivery_logged"]));
    expect(clientEvents).toContain("time_sync");
    const socket = document["x-socket-io"];
    for (const name of serverEvents) expect(socket.server_to_client, name).toHaveProperty(name);
    for (const name of clientEvents) expect(socket.client_to_server, name).toHaveProperty(name);
    expect(socket.server_to_client.signal_approved).toMatchObject({ payload: { type: "object" }, ack: { required: ["received_at"] } });
  });

  it("describes operations from the routes' own zod schemas", () => {
    const ingest = paths["/api/patterns"]?.post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(ingest.requestBody.content["application/json"]?.schema.required).toEqual(
      expect.arrayContaining(["symbol", "pattern_type", "entry_price", "stop_loss", "target_price"]),
    );
    const decision = paths["/api/signals/{id}/decision"]?.post as {
      responses: Record<string, { content: Record<string, { schema: unknown }> }>;
    };
    expect(decision.responses["409"]?.content["application/json"]?.schema).toMatchObject({ required: ["error", "status"] });
    const signals = paths["/api/signals"]?.get as { parameters: Array<{ name: string; in: string; required: boolean }> };
    expect(signals.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "status", in: "query", required: false })]));
  });
});

describe("GET /api/openapi.json", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("serves the document to anyone, without a session", async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const served = (await response.json()) as { openapi: string };
    expect(served.openapi).toBe("3.1.0");
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
