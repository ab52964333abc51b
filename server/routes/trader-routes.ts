import { z } from "zod";
import {
  DecisionAnswerSchema,
  DecisionConflictSchema,
  PushPublicKeySchema,
  PushTestAnswerSchema,
  WebhookSettingsSchema,
  WebhookTestAnswerSchema,
} from "@/lib/api-answers";
import { PreferencesPatchSchema, PreferencesSchema } from "@/lib/preferences";
import { PushSubscriptionSchema, PushUnsubscribeSchema } from "@/lib/push-subscription";
import { SignalBarsSchema } from "@/lib/signal-bars";
import { DecisionSchema } from "@/lib/signal-notification";
import { PerformanceStatsSchema } from "@/lib/market-outcome";
import { SignalListQuerySchema, SignalViewSchema } from "@/lib/signal-view";
import { defineRoute } from "../http/route";
import { StatsQuerySchema } from "../outcomes/stats-query";
import { invalid, json, notFound, unauthorized } from "./common-answers";
import { ErrorSchema, MeSchema } from "./response-schemas";

/*
 * The trader routes, each defined once: its handler under app/api/ runs through `route()` with it, and the API
 * document (server/openapi/) is generated from every definition exported here.
 */

const unavailablePush = json("Web Push is not configured", ErrorSchema);

export const GET_ME = defineRoute({
  method: "get",
  path: "/api/me",
  tag: "trader",
  auth: "session",
  summary: "Who is signed in",
  responses: { 200: json("The caller", MeSchema), 401: unauthorized },
});

export const LIST_SIGNALS = defineRoute({
  method: "get",
  path: "/api/signals",
  tag: "trader",
  auth: "session",
  summary: "The caller's signals, newest first",
  description: "The header x-server-time carries the server's clock.",
  query: SignalListQuerySchema,
  responses: { 200: json("A JSON array of signals", z.array(SignalViewSchema)), 400: invalid, 401: unauthorized },
});

export const DECIDE_SIGNAL = defineRoute({
  method: "post",
  path: "/api/signals/{id}/decision",
  tag: "trader",
  auth: "session",
  summary: "Take or skip one's own signal before it expires",
  description: "Every tab of the user receives signal_updated.",
  body: DecisionSchema,
  bodyDescription: "The decision",
  responses: {
    200: json("Recorded", DecisionAnswerSchema),
    400: invalid,
    401: unauthorized,
    404: notFound,
    409: json("Too late or already decided; status is the signal's own", DecisionConflictSchema),
  },
});

export const SIGNAL_BARS = defineRoute({
  method: "get",
  path: "/api/signals/{id}/bars",
  tag: "trader",
  auth: "session",
  summary: "The bars behind one of the caller's signals, with its levels",
  responses: { 200: json("Bars before approval (empty when none are kept)", SignalBarsSchema), 401: unauthorized, 404: notFound },
});

export const GET_PREFERENCES = defineRoute({
  method: "get",
  path: "/api/me/preferences",
  tag: "trader",
  auth: "session",
  summary: "The caller's preferences",
  responses: { 200: json("Preferences", PreferencesSchema), 401: unauthorized, 404: notFound },
});

export const PUT_PREFERENCES = defineRoute({
  method: "put",
  path: "/api/me/preferences",
  tag: "trader",
  auth: "session",
  summary: "Replace the caller's preferences",
  description: "The optional fields left out keep what is stored.",
  body: PreferencesSchema,
  bodyDescription: "Preferences",
  responses: { 200: json("The stored preferences", PreferencesSchema), 400: invalid, 401: unauthorized },
});

export const PATCH_PREFERENCES = defineRoute({
  method: "patch",
  path: "/api/me/preferences",
  tag: "trader",
  auth: "session",
  summary: "Change only the preferences sent; the others keep what is stored",
  description: "Each field is checked as in PUT; an empty object is a 400. Two clients changing different fields both keep theirs.",
  body: PreferencesPatchSchema,
  bodyDescription: "Some preferences",
  responses: { 200: json("The stored preferences", PreferencesSchema), 400: invalid, 401: unauthorized },
});

export const PUSH_PUBLIC_KEY = defineRoute({
  method: "get",
  path: "/api/push/public-key",
  tag: "trader",
  auth: "public",
  summary: "The VAPID public key (base64url) for Web Push subscriptions",
  responses: { 200: json("The key", PushPublicKeySchema), 503: unavailablePush },
});

export const GET_WEBHOOK = defineRoute({
  method: "get",
  path: "/api/me/webhook",
  tag: "trader",
  auth: "session",
  summary: "The caller's webhook target, mode and signing secret",
  responses: { 200: json("Webhook settings", WebhookSettingsSchema), 401: unauthorized, 404: notFound },
});

export const ROTATE_WEBHOOK_SECRET = defineRoute({
  method: "post",
  path: "/api/me/webhook/rotate",
  tag: "trader",
  auth: "session",
  summary: "Replace the webhook signing secret; the old one stops verifying at once",
  responses: { 200: json("Webhook settings with the new secret", WebhookSettingsSchema), 401: unauthorized, 404: notFound },
});

export const TEST_WEBHOOK = defineRoute({
  method: "post",
  path: "/api/me/webhook/test",
  tag: "trader",
  auth: "session",
  summary: "Send one test notification (is_test: true) to the caller's webhook now",
  responses: {
    200: json("What the webhook answered (status null when it did not answer)", WebhookTestAnswerSchema),
    401: unauthorized,
    409: json("No webhook URL is set", ErrorSchema),
    429: json("More than 5 test sends in a minute; Retry-After says when to try again", ErrorSchema),
  },
});

export const TEST_PUSH = defineRoute({
  method: "post",
  path: "/api/me/push/test",
  tag: "trader",
  auth: "session",
  summary: "Send one test push (is_test: true) to each of the caller's subscribed browsers now",
  responses: {
    200: json("What each push service answered", PushTestAnswerSchema),
    401: unauthorized,
    409: json("No browser is subscribed", ErrorSchema),
    429: json("More than 5 test sends in a minute; Retry-After says when to try again", ErrorSchema),
    503: unavailablePush,
  },
});

export const MY_STATS = defineRoute({
  method: "get",
  path: "/api/stats",
  tag: "trader",
  auth: "session",
  summary: "The caller's signal performance by grade, by pattern and in total",
  description: "scope=taken narrows it to the signals the caller took.",
  query: StatsQuerySchema,
  responses: { 200: json("Performance", PerformanceStatsSchema), 400: invalid, 401: unauthorized },
});

export const ADD_PUSH_SUBSCRIPTION = defineRoute({
  method: "post",
  path: "/api/me/push-subscriptions",
  tag: "trader",
  auth: "session",
  summary: "Register a browser PushSubscription",
  description: "The endpoint must be a public address unless WEBHOOK_ALLOW_PRIVATE=true.",
  body: PushSubscriptionSchema,
  bodyDescription: "The subscription as the browser's toJSON() gives it",
  responses: {
    201: json("Registered", z.object({ endpoint: z.string() })),
    400: invalid,
    401: unauthorized,
    503: unavailablePush,
  },
});

export const REMOVE_PUSH_SUBSCRIPTION = defineRoute({
  method: "delete",
  path: "/api/me/push-subscriptions",
  tag: "trader",
  auth: "session",
  summary: "Remove a browser PushSubscription",
  body: PushUnsubscribeSchema,
  bodyDescription: "The endpoint to forget (a whole subscription is accepted too)",
  responses: { 204: { description: "Removed" }, 400: invalid, 401: unauthorized },
});
