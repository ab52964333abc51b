import { z } from "zod";

/** A price as the wire carries it: a plain positive decimal string such as "150.25". */
export const PriceSchema = z
  .string()
  .refine((value) => /^\d{1,12}(\.\d{1,8})?$/.test(value) && /[1-9]/.test(value), 'must be a positive decimal string such as "150.25"');
