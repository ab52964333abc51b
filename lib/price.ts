import { z } from "zod";

/** A price as the wire carries it: a plain positive decimal string such as "150.25". */
export const PriceSchema = z
  .string()
  .refine((value) => /^\d{1,12}(\.\d{1,8})?$/.test(value) && /[1-9]/.test(value), 'must be a positive decimal string such as "150.25"')
  // The refinement is invisible to JSON Schema; the API document shows this instead.
  .meta({
    description: "A positive decimal string: up to 12 digits, up to 8 places",
    pattern: "^\\d{1,12}(\\.\\d{1,8})?$",
    examples: ["150.25"],
  });
