import { z } from "zod";
import { BarsRequestSchema, PatternSchema } from "@/lib/pattern";
import { PreferencesPatchSchema, PreferencesSchema } from "@/lib/preferences";
import { PushSubscriptionSchema, PushUnsubscribeSchema } from "@/lib/push-subscription";
import { SignalBarsSchema } from "@/lib/signal-bars";
import { PerformanceStatsSchema } from "@/lib/signal-outcome";
import { DecisionSchema } from "@/lib/signal-notification";
import { SignalListQuerySchema, SignalViewSchema } from "@/lib/signal-view";
import { ClockAdvanceSchema } from "../clock";
import { StatsQuerySchema } from "../outcomes/stats-query";
import type { ApiContent, ApiRoute } from "./api-route";
import {
  BarsAnswerSchema,
  DecisionAnswerSchema,
  DecisionConflictSchema,
  ErrorSchema,
  HealthzSchema,
  IngestAnswerSchema,
  MeSchema,
  PushPublicKeySchema,
  PushTestAnswerSchema,
  ReadyzSchema,
  ValidationErrorSchema,
  WebhookSettingsSchema,
  WebhookTestAnswerSchema,
} from "./response-schemas";

/** The answers most routes share. */
export const invalid: ApiContent = { description: "Bad input: every issue with its path", schema: ValidationErrorSchema };
export const unauthorized: ApiContent = { description: "No session, or a missing or wrong key", schema: ErrorSchema };
export const forbidden: ApiContent = { description: "Signed in without the admin role", schema: ErrorSchema };
export const notFound: ApiContent = { description: "Not found (another user's signal included)", schema: ErrorSchema };
export const unavailable: ApiContent = {
  description: "The database is away; nothing was written, retry after Retry-After seconds",
  schema: ErrorSchema,
};
export const json = (description: string, schema: z.ZodType): ApiContent => ({ description, schema });

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
    path: "/api/me",
    tag: "trader",
    access: "session",
    summary: "Who is signed in",
    responses: { 200: json("The caller", MeSchema), 401: unauthorized },
  },
  {
    method: "get",
    path: "/api/signals",
    tag: "trader",
    access: "session",
    summary: "The caller's signals, newest first",
    description: "The header x-server-time carries the server's clock.",
    query: SignalListQuerySchema,
    responses: { 200: json("A JSON array of signals", z.array(SignalViewSchema)), 400: invalid, 401: unauthorized },
  },
  {
    method: "post",
    path: "/api/signals/{id}/decision",
    tag: "trader",
    access: "session",
    summary: "Take or skip one's own signal before it expires",
    description: "Every tab of the user receives signal_updated.",
    body: json("The decision", DecisionSchema),
    responses: {
      200: json("Recorded", DecisionAnswerSchema),
      400: invalid,
      401: unauthorized,
      404: notFound,
      409: json("Too late or already decided; status is the signal's own", DecisionConflictSchema),
    },
  },
  {
    method: "get",
    path: "/api/signals/{id}/bars",
    tag: "trader",
    access: "session",
    summary: "The bars behind one of the caller's signals, with its levels",
    responses: { 200: json("Bars before approval (empty when none are kept)", SignalBarsSchema), 401: unauthorized, 404: notFound },
  },
  {
    method: "get",
    path: "/api/me/preferences",
    tag: "trader",
    access: "session",
    summary: "The caller's preferences",
    responses: { 200: json("Preferences", PreferencesSchema), 401: unauthorized },
  },
  {
    method: "put",
    path: "/api/me/preferences",
    tag: "trader",
    access: "session",
    summary: "Replace the caller's preferences",
    body: json("Preferences", PreferencesSchema),
    responses: { 200: json("The stored preferences", PreferencesSchema), 400: invalid, 401: unauthorized },
  },
  {
    method: "patch",
    path: "/api/me/preferences",
    tag: "trader",
    access: "session",
    summary: "Change only the preferences sent; the others keep what is stored",
    description: "Each field is checked as in PUT; an empty object is a 400. Two clients changing different fields both keep theirs.",
    body: json("Some preferences", PreferencesPatchSchema),
    responses: { 200: json("The stored preferences", PreferencesSchema), 400: invalid, 401: unauthorized },
  },
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
    method: "get",
    path: "/api/push/public-key",
    tag: "trader",
    access: "public",
    summary: "The VAPID public key (base64url) for Web Push subscriptions",
    responses: { 200: json("The key", PushPublicKeySchema), 503: json("Web Push is not configured", ErrorSchema) },
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
  {
    method: "get",
    path: "/api/me/webhook",
    tag: "trader",
    access: "session",
    summary: "The caller's webhook target, mode and signing secret",
    responses: { 200: json("Webhook settings", WebhookSettingsSchema), 401: unauthorized, 404: notFound },
  },
  {
    method: "post",
    path: "/api/me/webhook/rotate",
    tag: "trader",
    access: "session",
    summary: "Replace the webhook signing secret; the old one stops verifying at once",
    responses: { 200: json("Webhook settings with the new secret", WebhookSettingsSchema), 401: unauthorized, 404: notFound },
  },
  {
    method: "post",
    path: "/api/me/webhook/test",
    tag: "trader",
    access: "session",
    summary: "Send one test notification (is_test: true) to the caller's webhook now",
    responses: {
      200: json("What the webhook answered (status null when it did not answer)", WebhookTestAnswerSchema),
      401: unauthorized,
      409: json("No webhook URL is set", ErrorSchema),
    },
  },
  {
    method: "post",
    path: "/api/me/push/test",
    tag: "trader",
    access: "session",
    summary: "Send one test push (is_test: true) to each of the caller's subscribed browsers now",
    responses: {
      200: json("What each push service answered", PushTestAnswerSchema),
      401: unauthorized,
      409: json("No browser is subscribed", ErrorSchema),
      503: json("Web Push is not configured", ErrorSchema),
    },
  },
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
