import { z } from "zod";
import { DeliveryLogRowSchema } from "./delivery-log-schema";
import { WEBHOOK_MODES } from "./preferences";

/*
 * Answers of the routes the browser reads, as zod schemas: lib/api-client.ts parses with them, the API document
 * (server/openapi/) describes them, and the server checks its own types against them with `satisfies`.
 */

/** A 400 answer: every problem with its path ("watchlist.2") and message. */
export const ValidationIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/** `POST /api/signals/:id/decision` → 200. */
export const DecisionAnswerSchema = z.object({
  signal_id: z.uuid(),
  status: z.enum(["taken", "skipped"]),
  decided_at: z.iso.datetime(),
});
export type DecisionAnswer = z.infer<typeof DecisionAnswerSchema>;

/** The decision route's 409: `status` is the signal's own (`expired`, `invalidated`, `taken`, `skipped`). */
export const DecisionConflictSchema = z.object({ error: z.string(), status: z.string() });

/** What the pipeline decided for one matched user (an entry of the ingest answer). */
export const IngestSignalSchema = z.object({
  signal_id: z.uuid(),
  user_id: z.uuid(),
  status: z.enum(["approved", "rejected"]),
  rejection_reason: z.string().optional(),
});

/** `POST /api/patterns` (201, or 200 for a repeated idempotency key) and `POST /api/admin/test-signal`. */
export const IngestAnswerSchema = z.object({ pattern_id: z.uuid(), signals: z.array(IngestSignalSchema) });
export type IngestAnswer = z.infer<typeof IngestAnswerSchema>;

/** `GET /api/me/webhook` and `POST /api/me/webhook/rotate`. */
export const WebhookSettingsSchema = z.object({
  url: z.string().nullable(),
  mode: z.enum(WEBHOOK_MODES),
  secret: z.string().nullable(),
});
export type WebhookSettingsAnswer = z.infer<typeof WebhookSettingsSchema>;

/** `POST /api/me/webhook/test`: the webhook's HTTP status (null when it could not be reached). */
export const WebhookTestAnswerSchema = z.object({
  status: z.number().int().nullable(),
  delivered: z.boolean(),
  error: z.string().nullable(),
});
export type WebhookTestAnswer = z.infer<typeof WebhookTestAnswerSchema>;

/** `GET /api/push/public-key`. */
export const PushPublicKeySchema = z.object({ public_key: z.string() });

/** `POST /api/me/push/test`: one entry per subscribed browser. */
export const PushTestAnswerSchema = z.object({
  sent: z.number().int(),
  delivered: z.number().int(),
  results: z.array(WebhookTestAnswerSchema),
});
export type PushTestAnswer = z.infer<typeof PushTestAnswerSchema>;

/** `GET /api/admin/deliveries`: pass `next_cursor` back as `cursor` for the next page. */
export const DeliveryLogPageSchema = z.object({ rows: z.array(DeliveryLogRowSchema), next_cursor: z.string().nullable() });
export type DeliveryLogPage = z.infer<typeof DeliveryLogPageSchema>;
