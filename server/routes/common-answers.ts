import type { z } from "zod";
import type { ApiContent } from "../http/route";
import { ErrorSchema, ValidationErrorSchema } from "./response-schemas";

/** The answers most routes share. */
export const invalid: ApiContent = { description: "Bad input: every issue with its path", schema: ValidationErrorSchema };
export const unauthorized: ApiContent = { description: "No session, or a missing or wrong key", schema: ErrorSchema };
export const forbidden: ApiContent = { description: "Signed in without the admin role", schema: ErrorSchema };
export const notFound: ApiContent = { description: "Not found (another user's signal included)", schema: ErrorSchema };
export const unavailable: ApiContent = {
  description: "The database is away; nothing was written, retry after Retry-After seconds",
  schema: ErrorSchema,
};
export const json = (description: string, schema: z.ZodType): ApiContent => ({ description, schema });
