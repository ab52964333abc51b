import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPublicAddress } from "./address-policy";

export interface ResolvedTarget {
  url: URL;
  /** The checked address to connect to, so a second DNS answer cannot swap in another host. */
  address: string;
  family: 4 | 6;
}

export type TargetCheck = { ok: true; target: ResolvedTarget } | { ok: false; reason: string };

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** A name that does not resolve in this long is refused: a slow resolver must not hold a send (or a save). */
export const DNS_TIMEOUT_MS = 2000;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** The resolver's answer, or a rejection after `timeoutMs` (the lookup itself cannot be cancelled). */
export function withTimeout(resolve: Resolver, timeoutMs: number): Resolver {
  return (hostname) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`DNS lookup took over ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([resolve(hostname), deadline]).finally(() => clearTimeout(timer));
  };
}

/**
 * Decides whether the server may send a request to a URL (contract §9 targets): `https:` only, and every address
 * the host resolves to must be public, unless private targets are allowed (tests, a bot on the same host).
 * Called when a URL is saved and again before every send, because a name may resolve differently later.
 */
export class TargetGuard {
  private readonly resolve: Resolver;

  constructor(
    private readonly allowPrivate: boolean,
    resolve: Resolver = systemResolver,
    dnsTimeoutMs = DNS_TIMEOUT_MS,
  ) {
    this.resolve = withTimeout(resolve, dnsTimeoutMs);
  }

  async check(raw: string): Promise<TargetCheck> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: "not a valid URL" };
    }
    const schemes = this.allowPrivate ? ["https:", "http:"] : ["https:"];
    if (!schemes.includes(url.protocol))
      return { ok: false, reason: this.allowPrivate ? "must be an http(s) URL" : "must be an https:// URL" };
    if (url.username || url.password) return { ok: false, reason: "must not carry credentials" };
    // URL keeps IPv6 literals in brackets; the WHATWG parser already turned 2130706433 or 0x7f.1 into dotted form.
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    let addresses: { address: string; family: number }[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        return { ok: false, reason: `host ${host} does not resolve` };
      }
    }
    const first = addresses[0];
    if (!first) return { ok: false, reason: `host ${host} does not resolve` };
    if (!this.allowPrivate) {
      const refused = addresses.find((candidate) => !isPublicAddress(candidate.address));
      if (refused) return { ok: false, reason: `host ${host} resolves to a non-public address (${refused.address})` };
    }
    return { ok: true, target: { url, address: first.address, family: first.family === 6 ? 6 : 4 } };
  }
}
