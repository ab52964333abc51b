import { z } from "zod";
import { PatternTypeSchema } from "./pattern";
import { SymbolSchema } from "./symbol";

/** Body of POST /api/admin/test-signal. */
export const TestSignalRequestSchema = z.object({
  user_id: z.uuid(),
  symbol: SymbolSchema.optional(),
  pattern_type: PatternTypeSchema.optional(),
});
export type TestSignalRequest = z.infer<typeof TestSignalRequestSchema>;

/** Body of PATCH /api/admin/users/:id. */
export const UserPatchSchema = z.object({ disabled: z.boolean() }).strict();
export type UserPatch = z.infer<typeof UserPatchSchema>;
