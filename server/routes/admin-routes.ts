import { z } from "zod";
import { AdminUserSchema, DeliveryHealthSchema, PatternOverviewPageSchema, SignalTimelineSchema } from "@/lib/admin-answers";
import { DeliveryLogPageSchema } from "@/lib/api-answers";
import { DeliveryLogQuerySchema } from "@/lib/delivery-log-schema";
import { PerformanceStatsSchema } from "@/lib/market-outcome";
import { formQueryFields } from "../admin/delivery-filters";
import { PatternOverviewQuerySchema } from "../admin/pattern-overview";
import { TestSignalRequestSchema } from "../admin/test-signal";
import { UserPatchSchema } from "../admin/user-admin";
import { defineRoute } from "../http/route";
import { StatsQuerySchema } from "../outcomes/stats-query";
import { forbidden, invalid, json, notFound, unauthorized } from "./common-answers";
import { ErrorSchema, IngestAnswerSchema } from "./response-schemas";

/* The admin API (role admin), each route defined once: its handler under app/api/admin/ runs through `route()` with it. */

/** Every admin route answers 401 without a session and 403 to a trader. */
const guarded = { 401: unauthorized, 403: forbidden };

export const LIST_DELIVERIES = defineRoute({
  method: "get",
  path: "/api/admin/deliveries",
  tag: "admin",
  auth: "admin",
  summary: "Delivery log rows, newest first, paginated by cursor",
  query: DeliveryLogQuerySchema,
  responses: { 200: json("A page of rows", DeliveryLogPageSchema), 400: invalid, ...guarded },
});

export const EXPORT_DELIVERIES = defineRoute({
  method: "get",
  path: "/api/admin/deliveries/export",
  tag: "admin",
  auth: "admin",
  summary: "The filtered delivery log as CSV, newest first, at most 50 000 rows",
  description: "Filters come as a plain HTML form sends them: empty fields mean no filter, a time without an offset is UTC.",
  query: DeliveryLogQuerySchema.omit({ limit: true, cursor: true }),
  readQuery: formQueryFields,
  responses: { 200: { description: "CSV with a header row", contentType: "text/csv" }, 400: invalid, ...guarded },
});

export const DELIVERY_HEALTH = defineRoute({
  method: "get",
  path: "/api/admin/health",
  tag: "admin",
  auth: "admin",
  summary: "Attempts by outcome and delivered latency percentiles, last 5 minutes and last hour",
  responses: { 200: json("Delivery health", DeliveryHealthSchema), ...guarded },
});

export const PATTERN_OVERVIEW = defineRoute({
  method: "get",
  path: "/api/admin/patterns",
  tag: "admin",
  auth: "admin",
  summary: "Recent patterns with each matched user's outcome",
  query: PatternOverviewQuerySchema,
  responses: { 200: json("A page of patterns", PatternOverviewPageSchema), 400: invalid, ...guarded },
});

export const SIGNAL_TIMELINE = defineRoute({
  method: "get",
  path: "/api/admin/signals/{id}",
  tag: "admin",
  auth: "admin",
  summary: "One signal with its pattern, every delivery attempt and its timeline",
  responses: { 200: json("The signal's story", SignalTimelineSchema), ...guarded, 404: notFound },
});

export const SEND_TEST_SIGNAL = defineRoute({
  method: "post",
  path: "/api/admin/test-signal",
  tag: "admin",
  auth: "admin",
  summary: "Send one user a fresh test signal (is_test: true) through the real pipeline and delivery",
  body: TestSignalRequestSchema,
  bodyDescription: "Whom, and optionally which symbol and pattern",
  responses: {
    200: json("The ingest answer", IngestAnswerSchema),
    400: invalid,
    ...guarded,
    404: json("No such user", ErrorSchema),
    409: json("The user is disabled", ErrorSchema),
  },
});

export const LIST_USERS = defineRoute({
  method: "get",
  path: "/api/admin/users",
  tag: "admin",
  auth: "admin",
  summary: "Every user, with the sockets each has open on any node",
  responses: { 200: json("Users", z.object({ users: z.array(AdminUserSchema) })), ...guarded },
});

export const CHANGE_USER = defineRoute({
  method: "patch",
  path: "/api/admin/users/{id}",
  tag: "admin",
  auth: "admin",
  summary: "Disable or enable a user; disabling closes their sockets and refuses their sessions",
  body: UserPatchSchema,
  bodyDescription: "The change",
  responses: {
    200: json("The user after the change", AdminUserSchema),
    400: json("Bad input, or disabling one's own account", ErrorSchema),
    ...guarded,
    404: notFound,
  },
});

export const ALL_STATS = defineRoute({
  method: "get",
  path: "/api/admin/stats",
  tag: "admin",
  auth: "admin",
  summary: "Signal performance over every user (the shape of GET /api/stats)",
  query: StatsQuerySchema,
  responses: { 200: json("Performance", PerformanceStatsSchema), 400: invalid, ...guarded },
});
