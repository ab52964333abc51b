import { z } from "zod";

export const SymbolSchema = z.string().regex(/^[A-Z][A-Z0-9.-]{0,9}$/, "must be an upper-case ticker such as AAPL or BRK.B");
