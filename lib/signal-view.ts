import { z } from "zod";
import { SignalNotificationSchema } from "./signal-notification";
import { InvalidationReasonSchema, OutcomeSchema } from "./market-outcome";

const IsoMillis = z.iso.datetime({ precision: 3 });

/** What a trader's signal can be once approved; rejected signals never reach the browser. */
export const SIGNAL_VIEW_STATUSES = ["approved", "taken", "skipped", "expired", "invalidated"] as const;
export const SignalViewStatusSchema = z.enum(SIGNAL_VIEW_STATUSES);
export type SignalViewStatus = z.infer<typeof SignalViewStatusSchema>;

/** The query of GET /api/signals: `pending` means approved, undecided and unexpired. */
export const SignalListQuerySchema = z.object({
  status: z.enum(["pending", ...SIGNAL_VIEW_STATUSES]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * A signal as the browser sees it (one element of GET /api/signals): the `signal_approved` fields without
 * `type`, plus where the signal stands. The route's answer, the server's mapper and the desk store share it.
 */
export const SignalViewSchema = SignalNotificationSchema.omit({ type: true }).extend({
  status: SignalViewStatusSchema,
  decided_at: IsoMillis.nullable(),
  acked_at: IsoMillis.nullable(),
  /** contract §8: what the market did after approval, present once known. */
  outcome: OutcomeSchema.optional(),
  /** With status `invalidated`: which level the market reached before a decision. */
  invalidation_reason: InvalidationReasonSchema.optional(),
});
export type SignalView = z.infer<typeof SignalViewSchema>;

/** The elements of a GET /api/signals answer this page can read; one odd element does not hide the rest. */
export function parseSignalViews(body: unknown): SignalView[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((element) => {
    const parsed = SignalViewSchema.safeParse(element);
    return parsed.success ? [parsed.data] : [];
  });
}
