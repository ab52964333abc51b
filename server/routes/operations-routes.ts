import { z } from "zod";
import { ClockAdvanceSchema } from "../clock";
import { defineRoute } from "../http/route";
import { services } from "../registry";
import { invalid, json, notFound, unauthorized } from "./common-answers";
import { HealthzSchema, ReadyzSchema } from "./response-schemas";

/*
 * Probes, metrics, the API document and the test clock. The probes and /metrics are answered by the custom
 * server (server/app.ts) before Next; they are defined here for the document only.
 */

export const HEALTHZ = defineRoute({
  method: "get",
  path: "/healthz",
  tag: "operations",
  auth: "public",
  summary: "Liveness",
  responses: { 200: json("Alive", HealthzSchema) },
});

export const READYZ = defineRoute({
  method: "get",
  path: "/readyz",
  tag: "operations",
  auth: "public",
  summary: "Readiness: the database, and Redis when set",
  responses: { 200: json("Ready", ReadyzSchema), 503: json("A dependency is down", ReadyzSchema) },
});

export const METRICS = defineRoute({
  method: "get",
  path: "/metrics",
  tag: "operations",
  auth: "metrics-token",
  summary: "Prometheus metrics (a bearer token only when METRICS_TOKEN is set)",
  responses: { 200: { description: "Prometheus text format", contentType: "text/plain" }, 401: unauthorized },
});

export const ADVANCE_TEST_CLOCK = defineRoute({
  method: "post",
  path: "/api/test/clock",
  tag: "operations",
  auth: "ingest-key",
  summary: "Tests only: move the server's clock forward",
  description: "Exists only when the server runs with TEST_CLOCK=true; 404 everywhere else.",
  exists: () => services().testClock !== null,
  body: ClockAdvanceSchema,
  bodyDescription: "How far",
  responses: {
    200: json("The server's time after the move", z.object({ now: z.iso.datetime() })),
    400: invalid,
    401: unauthorized,
    404: notFound,
  },
});

export const OPENAPI_DOCUMENT = defineRoute({
  method: "get",
  path: "/api/openapi.json",
  tag: "operations",
  auth: "public",
  summary: "This document",
  responses: { 200: { description: "OpenAPI 3.1" } },
});
