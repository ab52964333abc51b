import { NextResponse } from "next/server";
import type { ZodError } from "zod";

/** `{ error }` with a status, the one error shape of every API route. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}): NextResponse {
  return NextResponse.json({ error, ...extra }, { status });
}

/** A ZodError as SPEC §5's 400: every issue with its path and message. */
export function validationError(error: ZodError, message = "Invalid request body"): NextResponse {
  return jsonError(400, message, {
    issues: error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message })),
  });
}
