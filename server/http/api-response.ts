import type { ZodError } from "zod";

/**
 * `{ error }` with a status, the one error shape of every API route. Plain web `Response`s (not NextResponse):
 * the custom server calls the ingest handler directly, outside Next (server/http/direct-routes.ts).
 */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status });
}

/** A ZodError as contract §5's 400: every issue with its path and message. */
export function validationError(error: ZodError, message = "Invalid request body"): Response {
  return jsonError(400, message, {
    issues: error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message })),
  });
}

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_S = 5;

/** 503 with Retry-After: the database (or another dependency) is away; nothing was written, retrying is safe. */
export function serviceUnavailable(error = "Service temporarily unavailable; retry shortly"): Response {
  return Response.json({ error }, { status: 503, headers: { "retry-after": String(RETRY_AFTER_S) } });
}
