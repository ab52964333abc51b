import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionIdentity } from "../auth/auth-service";
import { registerServices, type Services } from "../registry";
import { InvalidInputError } from "../pipeline/invalid-input";
import { defineRoute, route } from "./route";

// route() against real zod schemas and real Requests; only the session lookup and the logger stand in for the
// live services (the integration tests run the converted routes on the real server).

const TRADER: SessionIdentity = {
  userId: "u-1",
  email: "t@example.com",
  role: "trader",
  sessionId: "s-1",
  expiresAt: 0,
  issuedAt: 0,
};
const logged: unknown[] = [];

beforeAll(() => {
  registerServices({
    auth: { identifyCookieHeader: (cookie: string | null) => Promise.resolve(cookie === "session=trader" ? TRADER : null) },
    env: { INGEST_API_KEY: "ingest-key" },
    logger: { error: (fields: unknown) => logged.push(fields), warn: () => undefined },
  } as unknown as Services);
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("signal-desk.services")];
});

const ECHO = defineRoute({
  method: "post",
  path: "/echo/{id}",
  tag: "trader",
  auth: "session",
  summary: "echo",
  body: z.object({ n: z.number().int() }),
  query: z.object({ limit: z.coerce.number().int().max(10).default(5) }),
  responses: {},
});
const echo = route(ECHO, ({ identity, body, query, params }) =>
  Response.json({ user: identity.userId, n: body.n, limit: query.limit, id: params.id }),
);

const call = (handler: typeof echo, { cookie = "session=trader", body = "{}", url = "http://desk/echo/7" } = {}) =>
  handler(new Request(url, { method: "POST", headers: { cookie, "content-type": "application/json" }, body }), {
    params: Promise.resolve({ id: "7" }),
  });

describe("route()", () => {
  it("hands the handler the caller, the parsed body and query (defaults applied) and the path parameters", async () => {
    const answer = await call(echo, { body: '{"n":3}' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ user: "u-1", n: 3, limit: 5, id: "7" });
  });

  it("answers 401 without a session and 403 without the role, before reading the body", async () => {
    expect((await call(echo, { cookie: "other=1", body: "not json" })).status).toBe(401);
    const adminOnly = route({ ...ECHO, auth: "admin" }, () => Response.json({}));
    const answer = await call(adminOnly, { body: "not json" });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: "Requires the admin role" });
  });

  it("answers 400 with every issue for a bad body or query, and never runs the handler", async () => {
    let ran = 0;
    const counted = route(ECHO, () => {
      ran += 1;
      return Response.json({});
    });
    const badBody = await call(counted, { body: '{"n":1.5}' });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path)).toEqual(["n"]);
    const badQuery = await call(counted, { body: '{"n":1}', url: "http://desk/echo/7?limit=11" });
    expect(badQuery.status).toBe(400);
    expect(await badQuery.json()).toMatchObject({ error: "Invalid query", issues: [{ path: "limit" }] });
    expect(ran).toBe(0);
  });

  it("turns a thrown error into a logged 503 with Retry-After", async () => {
    const failing = route(ECHO, () => {
      throw new Error("database went away");
    });
    const answer = await call(failing, { body: '{"n":1}' });
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("5");
    expect(logged).toHaveLength(1);
  });

  it("answers 400 with the issues of an InvalidInputError the handler throws, and logs nothing", async () => {
    const refusing = route(ECHO, () => {
      throw new InvalidInputError("Invalid pattern", [{ path: "stop_loss", message: "rounds to 0.00" }]);
    });
    const answer = await call(refusing, { body: '{"n":1}' });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: "Invalid pattern", issues: [{ path: "stop_loss", message: "rounds to 0.00" }] });
    expect(logged).toHaveLength(1);
  });

  it("checks the ingest key before the body, and answers 404 first where the route does not exist", async () => {
    let exists = false;
    const keyed = route({ ...ECHO, auth: "ingest-key", exists: () => exists }, ({ identity }) => Response.json({ identity }));
    const post = (authorization: string, body: string) =>
      keyed(new Request("http://desk/echo/7", { method: "POST", headers: { authorization, "content-type": "application/json" }, body }));
    expect((await post("Bearer ingest-key", '{"n":1}')).status).toBe(404);
    exists = true;
    const refused = await post("Bearer wrong", "not json");
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "Missing or invalid ingest API key" });
    const accepted = await post("Bearer ingest-key", '{"n":1}');
    expect(await accepted.json()).toEqual({ identity: null });
  });

  it("reads the query through the definition's readQuery when it has one", async () => {
    const formLike = route({ ...ECHO, readQuery: (params) => ({ limit: params.get("limit")?.trim() || "9" }) }, ({ query }) =>
      Response.json({ limit: query.limit }),
    );
    expect(await (await call(formLike, { body: '{"n":1}', url: "http://desk/echo/7?limit=" })).json()).toEqual({ limit: 9 });
  });
});
