import { z } from "zod";
import { PatternSchema } from "@/lib/pattern";
import { WEBHOOK_MODES } from "@/lib/preferences";
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
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** The decision route's 409: `status` is the signal's (`expired`, `taken`, `skipped`, …). */
export const DecisionConflictSchema = z.object({ error: z.string(), status: z.string() });

export const DecisionAnswerSchema = z.object({
  signal_id: z.uuid(),
  status: z.enum(["taken", "skipped"]),
  decided_at: IsoTime,
});

const SignalOutcomeSchema = z.object({
  signal_id: z.uuid(),
  user_id: z.uuid(),
  status: z.enum(["approved", "rejected"]),
  rejection_reason: z.string().optional(),
}) satisfies z.ZodType<SignalOutcome>;

export const IngestAnswerSchema = z.object({ pattern_id: z.uuid(), signals: z.array(SignalOutcomeSchema) });

export const BarsAnswerSchema = z.object({
  patterns: z.array(PatternSchema.extend({ pattern_id: z.uuid(), signals: z.array(SignalOutcomeSchema) })),
}) satisfies z.ZodType<BarsResult>;

export const MeSchema = z.object({ id: z.uuid(), email: z.string(), role: z.enum(["trader", "admin"]) });

export const HealthzSchema = z.object({ status: z.literal("ok") });
export const ReadyzSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.record(z.string(), z.enum(["ok", "down"])),
});

export const PushPublicKeySchema = z.object({ public_key: z.string() });

export const WebhookSettingsSchema = z.object({
  url: z.string().nullable(),
  mode: z.enum(WEBHOOK_MODES),
  secret: z.string().nullable(),
}) satisfies z.ZodType<WebhookSettings>;

export const WebhookTestAnswerSchema = z.object({
  status: z.number().int().nullable(),
  delivered: z.boolean(),
  error: z.string().nullable(),
});
