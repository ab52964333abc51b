import { z } from "zod";

/** A price as the wire carries it: a plain positive decimal string such as "150.25". */
export const PriceSchema = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, "must be a decimal string such as \"150.25\"")
  .refine((value) => Number(value) > 0, "must be greater than zero");
