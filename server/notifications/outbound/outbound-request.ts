import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { ResolvedTarget } from "./target-guard";

export const OUTBOUND_TIMEOUT_MS = 5000;
/** A reply is only read for its status and a short excerpt for the log: a hostile target cannot fill memory. */
export const MAX_RESPONSE_BYTES = 4096;

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most MAX_RESPONSE_BYTES of the body. */
  body: string;
}

export interface OutboundRequest {
  method: "POST";
  headers: Record<string, string | number>;
  body: Buffer | string;
  timeoutMs?: number;
}

/**
 * Sends one request to a checked target, connecting to the address the guard resolved (the Host header and TLS
 * name stay the URL's). Redirects are answers, never followed. Rejects on a network error or after the timeout.
 */
export function sendOutbound(target: ResolvedTarget, init: OutboundRequest): Promise<OutboundResponse> {
  const { url } = target;
  const secure = url.protocol === "https:";
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const timeoutMs = init.timeoutMs ?? OUTBOUND_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)({
      host: target.address,
      family: target.family,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: { ...init.headers, host: url.host },
      // SNI and certificate checks are for the name, not for the address we connect to.
      ...(secure && !isIP(hostname) ? { servername: hostname } : {}),
      agent: false,
    });
    // One deadline for connect, send and the (bounded) reply.
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.once("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    request.once("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(deadline);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") });
      };
      response.on("data", (chunk: Buffer) => {
        const room = MAX_RESPONSE_BYTES - size;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) {
          finish();
          response.destroy();
        }
      });
      response.once("end", finish);
      response.once("error", finish);
    });
    request.end(init.body);
  });
}

/** True when the error is our own deadline rather than a refused or broken connection. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("no answer within");
}
