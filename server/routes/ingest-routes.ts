import { BarsRequestSchema, PatternSchema } from "@/lib/pattern";
import { defineRoute } from "../http/route";
import { MAX_BARS_BODY_BYTES } from "../http/request-body";
import { invalid, json, unauthorized, unavailable } from "./common-answers";
import { BarsAnswerSchema, IngestAnswerSchema } from "./response-schemas";

/*
 * Ingest (an external scanner, bearer INGEST_API_KEY). POST /api/patterns is also served by the custom server
 * directly (server/http/direct-routes.ts), which checks the key and the declared length before reading a byte.
 */

export const INGEST_PATTERN = defineRoute({
  method: "post",
  path: "/api/patterns",
  tag: "ingest",
  auth: "ingest-key",
  summary: "Submit a detected pattern",
  description:
    "Runs validation, sizing, scoring and approval for every matching user. A repeated idempotency_key answers the first answer with 200 and creates nothing.",
  body: PatternSchema,
  bodyDescription: "The pattern",
  unavailable: "Pattern could not be processed now; retry with the same idempotency_key",
  responses: {
    201: json("Processed: one entry per matched user", IngestAnswerSchema),
    200: json("The stored answer of an earlier request with the same idempotency_key", IngestAnswerSchema),
    400: invalid,
    401: unauthorized,
    503: unavailable,
  },
});

export const INGEST_BARS = defineRoute({
  method: "post",
  path: "/api/bars",
  tag: "ingest",
  auth: "ingest-key",
  summary: "Submit closed OHLCV bars to the built-in detector",
  description: "Each pattern the detector finds goes through the same pipeline as POST /api/patterns. At most 5000 bars, oldest first.",
  body: BarsRequestSchema,
  bodyDescription: "Bars of one symbol and timeframe",
  // 5000 bars of JSON exceed the usual 64 KiB.
  maxBodyBytes: MAX_BARS_BODY_BYTES,
  unavailable: "Bars could not be processed now; retry",
  responses: {
    200: json("The patterns found and the signals they made", BarsAnswerSchema),
    400: invalid,
    401: unauthorized,
    503: unavailable,
  },
});
