import type { ZodType } from "zod";
import { jsonError, validationError } from "./api-response";

export const MAX_BODY_BYTES = 64 * 1024;

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Reads a JSON body of at most `maxBytes` and parses it with the schema; any failure is a ready 400. */
export async function parseJsonBody<T>(request: Request, schema: ZodType<T>, maxBytes = MAX_BODY_BYTES): Promise<Parsed<T>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  const text = await readLimited(request, maxBytes);
  if (text === null) return { ok: false, response: tooLarge(maxBytes) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(400, "Malformed JSON", { issues: [{ path: "(root)", message: "body is not valid JSON" }] }) };
  }
  const result = schema.safeParse(json);
  return result.success ? { ok: true, data: result.data } : { ok: false, response: validationError(result.error) };
}

function tooLarge(maxBytes: number): Response {
  return jsonError(400, "Request body too large", { issues: [{ path: "(root)", message: `body must be at most ${maxBytes} bytes` }] });
}

async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** 5000 bars of JSON exceed 64 KiB; the bars endpoint gets room for its documented maximum. */
export const MAX_BARS_BODY_BYTES = 1024 * 1024;
