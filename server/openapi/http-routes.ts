import { z } from "zod";
import { BarsRequestSchema, PatternSchema } from "@/lib/pattern";
import { PushSubscriptionSchema, PushUnsubscribeSchema } from "@/lib/push-subscription";
import { PerformanceStatsSchema } from "@/lib/signal-outcome";
import { ClockAdvanceSchema } from "../clock";
import { StatsQuerySchema } from "../outcomes/stats-query";
import { toApiRoute } from "../http/route";
import { TRADER_ROUTES } from "../http/route-definitions";
import type { ApiRoute } from "./api-route";
import { invalid, json, notFound, unauthorized, unavailable } from "./api-content";
import { BarsAnswerSchema, ErrorSchema, HealthzSchema, IngestAnswerSchema, ReadyzSchema } from "./response-schemas";

export { forbidden, invalid, json, notFound, unauthorized, unavailable } from "./api-content";

/** Ingest, trader, authentication and operations routes. Admin routes are in admin-routes.ts. */
export const HTTP_ROUTES: ApiRoute[] = [
  // ── Ingest (an external scanner) ──────────────────────────────────────────────────────────
  {
    method: "post",
    path: "/api/patterns",
    tag: "ingest",
    access: "ingest-key",
    summary: "Submit a detected pattern",
    description:
      "Runs validation, sizing, scoring and approval for every matching user. A repeated idempotency_key answers the first answer with 200 and creates nothing.",
    body: json("The pattern", PatternSchema),
    responses: {
      201: json("Processed: one entry per matched user", IngestAnswerSchema),
      200: json("The stored answer of an earlier request with the same idempotency_key", IngestAnswerSchema),
      400: invalid,
      401: unauthorized,
      503: unavailable,
    },
  },
  {
    method: "post",
    path: "/api/bars",
    tag: "ingest",
    access: "ingest-key",
    summary: "Submit closed OHLCV bars to the built-in detector",
    description: "Each pattern the detector finds goes through the same pipeline as POST /api/patterns. At most 5000 bars, oldest first.",
    body: json("Bars of one symbol and timeframe", BarsRequestSchema),
    responses: {
      200: json("The patterns found and the signals they made", BarsAnswerSchema),
      400: invalid,
      401: unauthorized,
      503: unavailable,
    },
  },
  // ── Trader ────────────────────────────────────────────────────────────────────────────────
  {
    method: "get",
    path: "/api/stats",
    tag: "trader",
    access: "session",
    summary: "The caller's signal performance by grade, by pattern and in total",
    description: "scope=taken narrows it to the signals the caller took.",
    query: StatsQuerySchema,
    responses: { 200: json("Performance", PerformanceStatsSchema), 400: invalid, 401: unauthorized },
  },
  {
    method: "post",
    path: "/api/me/push-subscriptions",
    tag: "trader",
    access: "session",
    summary: "Register a browser PushSubscription",
    description: "The endpoint must be a public address unless WEBHOOK_ALLOW_PRIVATE=true.",
    body: json("The subscription as the browser's toJSON() gives it", PushSubscriptionSchema),
    responses: {
      201: json("Registered", z.object({ endpoint: z.string() })),
      400: invalid,
      401: unauthorized,
      503: json("Web Push is not configured", ErrorSchema),
    },
  },
  {
    method: "delete",
    path: "/api/me/push-subscriptions",
    tag: "trader",
    access: "session",
    summary: "Remove a browser PushSubscription",
    body: json("The endpoint to forget (a whole subscription is accepted too)", PushUnsubscribeSchema),
    responses: { 204: { description: "Removed" }, 400: invalid, 401: unauthorized },
  },
  ...TRADER_ROUTES.map(toApiRoute),
  // ── Authentication (next-auth's own endpoints) ────────────────────────────────────────────
  {
    method: "get",
    path: "/api/auth/csrf",
    tag: "auth",
    access: "public",
    summary: "A CSRF token for sign-in and sign-out (sets its cookie)",
    responses: { 200: json("The token", z.object({ csrfToken: z.string() })) },
  },
  {
    method: "post",
    path: "/api/auth/callback/credentials",
    tag: "auth",
    access: "public",
    summary: "Sign in: form-encoded csrfToken, email, password; sets next-auth.session-token",
    body: {
      description: "Form fields",
      contentType: "application/x-www-form-urlencoded",
      schema: z.object({ csrfToken: z.string(), email: z.string(), password: z.string(), json: z.literal("true").optional() }),
    },
    responses: { 200: { description: "With json=true: { url }, carrying ?error= on failure" }, 302: { description: "A redirect" } },
  },
  {
    method: "get",
    path: "/api/auth/session",
    tag: "auth",
    access: "public",
    summary: "The current session, or {} without one",
    responses: { 200: { description: "next-auth's session object" } },
  },
  {
    method: "post",
    path: "/api/auth/signout",
    tag: "auth",
    access: "session",
    summary: "Sign out (form-encoded csrfToken); closes this session's sockets",
    body: { description: "Form fields", contentType: "application/x-www-form-urlencoded", schema: z.object({ csrfToken: z.string() }) },
    responses: { 200: { description: "Signed out" }, 302: { description: "A redirect" } },
  },
  // ── Operations ────────────────────────────────────────────────────────────────────────────
  {
    method: "get",
    path: "/healthz",
    tag: "operations",
    access: "public",
    summary: "Liveness",
    responses: { 200: json("Alive", HealthzSchema) },
  },
  {
    method: "get",
    path: "/readyz",
    tag: "operations",
    access: "public",
    summary: "Readiness: the database, and Redis when set",
    responses: { 200: json("Ready", ReadyzSchema), 503: json("A dependency is down", ReadyzSchema) },
  },
  {
    method: "get",
    path: "/metrics",
    tag: "operations",
    access: "metrics-token",
    summary: "Prometheus metrics (a bearer token only when METRICS_TOKEN is set)",
    responses: { 200: { description: "Prometheus text format", contentType: "text/plain" }, 401: unauthorized },
  },
  {
    method: "post",
    path: "/api/test/clock",
    tag: "operations",
    access: "ingest-key",
    summary: "Tests only: move the server's clock forward",
    description: "Exists only when the server runs with TEST_CLOCK=true; 404 everywhere else.",
    body: json("How far", ClockAdvanceSchema),
    responses: {
      200: json("The server's time after the move", z.object({ now: z.iso.datetime() })),
      400: invalid,
      401: unauthorized,
      404: notFound,
    },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "operations",
    access: "public",
    summary: "This document",
    responses: { 200: { description: "OpenAPI 3.1" } },
  },
];
