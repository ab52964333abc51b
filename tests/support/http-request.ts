import { request } from "node:http";

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A plain HTTP request where fetch cannot go: from another loopback source address (127.0.0.2 is a
 * different client to the server), or with header bytes fetch would refuse to send.
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? "GET",
        headers: options.headers,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${url} did not answer in 30 s`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The `name=value` parts of every Set-Cookie header. */
export function cookiesOf(answer: RawAnswer): string[] {
  const header = answer.headers["set-cookie"];
  return (Array.isArray(header) ? header : header ? [header] : []).map((cookie) => cookie.split(";")[0] ?? "");
}
