import { z } from "zod";
import { PatternSchema } from "@/lib/pattern";
import {
  DecisionAnswerSchema,
  DecisionConflictSchema,
  IngestAnswerSchema,
  IngestSignalSchema,
  PushPublicKeySchema,
  PushTestAnswerSchema,
  ValidationIssueSchema,
  WebhookSettingsSchema,
  WebhookTestAnswerSchema,
} from "@/lib/api-answers";
import type { BarsResult } from "../pipeline/bar-ingest";
import type { WebhookSettings } from "../notifications/webhook/webhook-settings";
import type { SignalOutcome } from "../pipeline/signal-pipeline";

/*
 * Schemas of answers that the routes build from TypeScript types rather than parse with zod. They exist for
 * the API document only; each is checked against its type (`satisfies`), so a changed answer fails tsc here.
 */

export const IsoTime = z.iso.datetime();

export const ErrorSchema = z.object({ error: z.string() });

export const ValidationErrorSchema = z.object({
  error: z.string(),
  issues: z.array(ValidationIssueSchema),
});

export const BarsAnswerSchema = z.object({
  patterns: z.array(PatternSchema.extend({ pattern_id: z.uuid(), signals: z.array(IngestSignalSchema) })),
}) satisfies z.ZodType<BarsResult>;

export const MeSchema = z.object({ id: z.uuid(), email: z.string(), role: z.enum(["trader", "admin"]) });

export const HealthzSchema = z.object({ status: z.literal("ok") });
export const ReadyzSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.record(z.string(), z.enum(["ok", "down"])),
});

// The answers the browser reads live in lib/api-answers.ts; the server's own types must fit them.
IngestSignalSchema satisfies z.ZodType<SignalOutcome>;
WebhookSettingsSchema satisfies z.ZodType<WebhookSettings>;

export {
  DecisionAnswerSchema,
  DecisionConflictSchema,
  IngestAnswerSchema,
  PushPublicKeySchema,
  PushTestAnswerSchema,
  WebhookSettingsSchema,
  WebhookTestAnswerSchema,
};
