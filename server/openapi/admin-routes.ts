import { z } from "zod";
import { DeliveryLogQuerySchema } from "@/lib/delivery-log-schema";
import { PerformanceStatsSchema } from "@/lib/signal-outcome";
import { PatternOverviewQuerySchema } from "../admin/pattern-overview";
import { TestSignalRequestSchema } from "../admin/test-signal";
import { UserPatchSchema } from "../admin/user-admin";
import { StatsQuerySchema } from "../outcomes/stats-query";
import type { ApiRoute } from "./api-route";
import {
  AdminUserSchema,
  DeliveryHealthSchema,
  DeliveryLogPageSchema,
  PatternOverviewPageSchema,
  SignalTimelineSchema,
} from "./admin-response-schemas";
import { forbidden, invalid, json, notFound, unauthorized } from "./http-routes";
import { ErrorSchema, IngestAnswerSchema } from "./response-schemas";

/** Every admin route answers 401 without a session and 403 to a trader. */
const guarded = { 401: unauthorized, 403: forbidden };

/** The admin API (role admin). Add a route here when you add one under app/api/admin/. */
export const ADMIN_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/admin/deliveries",
    tag: "admin",
    access: "admin",
    summary: "Delivery log rows, newest first, paginated by cursor",
    query: DeliveryLogQuerySchema,
    responses: { 200: json("A page of rows", DeliveryLogPageSchema), 400: invalid, ...guarded },
  },
  {
    method: "get",
    path: "/api/admin/deliveries/export",
    tag: "admin",
    access: "admin",
    summary: "The filtered delivery log as CSV, newest first, at most 50 000 rows",
    query: DeliveryLogQuerySchema.omit({ limit: true, cursor: true }),
    responses: { 200: { description: "CSV with a header row", contentType: "text/csv" }, 400: invalid, ...guarded },
  },
  {
    method: "get",
    path: "/api/admin/health",
    tag: "admin",
    access: "admin",
    summary: "Attempts by outcome and delivered latency percentiles, last 5 minutes and last hour",
    responses: { 200: json("Delivery health", DeliveryHealthSchema), ...guarded },
  },
  {
    method: "get",
    path: "/api/admin/patterns",
    tag: "admin",
    access: "admin",
    summary: "Recent patterns with each matched user's outcome",
    query: PatternOverviewQuerySchema,
    responses: { 200: json("A page of patterns", PatternOverviewPageSchema), 400: invalid, ...guarded },
  },
  {
    method: "get",
    path: "/api/admin/signals/{id}",
    tag: "admin",
    access: "admin",
    summary: "One signal with its pattern, every delivery attempt and its timeline",
    responses: { 200: json("The signal's story", SignalTimelineSchema), ...guarded, 404: notFound },
  },
  {
    method: "post",
    path: "/api/admin/test-signal",
    tag: "admin",
    access: "admin",
    summary: "Send one user a fresh test signal (is_test: true) through the real pipeline and delivery",
    body: json("Whom, and optionally which symbol and pattern", TestSignalRequestSchema),
    responses: {
      200: json("The ingest answer", IngestAnswerSchema),
      400: invalid,
      ...guarded,
      404: json("No such user", ErrorSchema),
      409: json("The user is disabled", ErrorSchema),
    },
  },
  {
    method: "get",
    path: "/api/admin/users",
    tag: "admin",
    access: "admin",
    summary: "Every user, with the sockets each has open on any node",
    responses: { 200: json("Users", z.object({ users: z.array(AdminUserSchema) })), ...guarded },
  },
  {
    method: "patch",
    path: "/api/admin/users/{id}",
    tag: "admin",
    access: "admin",
    summary: "Disable or enable a user; disabling closes their sockets and refuses their sessions",
    body: json("The change", UserPatchSchema),
    responses: {
      200: json("The user after the change", AdminUserSchema),
      400: json("Bad input, or disabling one's own account", ErrorSchema),
      ...guarded,
      404: notFound,
    },
  },
  {
    method: "get",
    path: "/api/admin/stats",
    tag: "admin",
    access: "admin",
    summary: "Signal performance over every user (the shape of GET /api/stats)",
    query: StatsQuerySchema,
    responses: { 200: json("Performance", PerformanceStatsSchema), 400: invalid, ...guarded },
  },
];
