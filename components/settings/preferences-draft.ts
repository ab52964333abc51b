import type { z } from "zod";
import { type Preferences, PreferencesSchema } from "@/lib/preferences";

export type Field = keyof Preferences;
type NumberField = "risk_percentage" | "min_confidence" | "min_r_multiple" | "max_leverage" | "ttl_seconds";
/** The form as typed: text for numbers, so a half-typed "0." is not lost. */
export type Draft = Record<"equity" | NumberField | "watchlist", string> & { sound: boolean; desktop_notifications: boolean };
export type Errors = Partial<Record<Field, string>>;

const NUMBER_FIELDS: readonly NumberField[] = ["risk_percentage", "min_confidence", "min_r_multiple", "max_leverage", "ttl_seconds"];
export const FIELD_ORDER: readonly Field[] = [
  "equity",
  "risk_percentage",
  "min_confidence",
  "min_r_multiple",
  "max_leverage",
  "ttl_seconds",
  "watchlist",
  "sound",
  "desktop_notifications",
];

export function toDraft(preferences: Preferences): Draft {
  return {
    equity: preferences.equity,
    risk_percentage: String(preferences.risk_percentage),
    min_confidence: String(preferences.min_confidence),
    min_r_multiple: String(preferences.min_r_multiple),
    max_leverage: String(preferences.max_leverage),
    ttl_seconds: String(preferences.ttl_seconds),
    watchlist: preferences.watchlist.join(", "),
    sound: preferences.sound,
    desktop_notifications: preferences.desktop_notifications,
  };
}

function symbolsOf(watchlist: string): string[] {
  return watchlist
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((symbol) => symbol.toUpperCase());
}

/** zod's generic wording in a trader's words; the schema's own messages ("must be at most 5 %") stay as written. */
function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && issue.message.startsWith("Too small")) return `must be at least ${String(issue.minimum)}`;
  if (issue.code === "too_big" && issue.message.startsWith("Too big")) return `must be at most ${String(issue.maximum)}`;
  if (issue.code === "invalid_type" && issue.expected === "int") return "must be a whole number";
  return issue.message;
}

/** The draft through the API's own PreferencesSchema: the parsed body, or one message per field. */
export function validate(draft: Draft): { ok: true; data: Preferences } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const numbers = {} as Record<NumberField, number>;
  for (const field of NUMBER_FIELDS) {
    const text = draft[field].trim();
    numbers[field] = text === "" ? Number.NaN : Number(text);
    if (!Number.isFinite(numbers[field])) errors[field] = text === "" ? "is required" : "must be a number";
  }
  const watchlist = symbolsOf(draft.watchlist);
  const parsed = PreferencesSchema.safeParse({
    equity: draft.equity.trim(),
    ...numbers,
    watchlist,
    sound: draft.sound,
    desktop_notifications: draft.desktop_notifications,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, data: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (!field || errors[field]) continue;
    const index = issue.path[1];
    errors[field] = field === "watchlist" && typeof index === "number" ? `"${watchlist[index]}" ${friendly(issue)}` : friendly(issue);
  }
  return { ok: false, errors };
}

/** The server's 400 issues (`path` such as "watchlist.2") as per-field messages. */
export function serverErrors(issues: Array<{ path: string; message: string }>): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = issue.path.split(".")[0] as Field;
    if (FIELD_ORDER.includes(field)) errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * The fields the trader changed since `stored` (what the server last answered): the body of the PATCH, so a
 * setting changed meanwhile elsewhere (another tab, the push switch, the webhook card) is not written back.
 */
export function changedFields(stored: Preferences, edited: Preferences): Partial<Preferences> {
  const changes: Partial<Preferences> = {};
  for (const field of FIELD_ORDER) {
    if (JSON.stringify(stored[field]) !== JSON.stringify(edited[field])) Object.assign(changes, { [field]: edited[field] });
  }
  return changes;
}
