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

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Decides whether the server may send a request to a URL (SPEC §9 targets): `https:` only, and every address
 * the host resolves to must be public, unless private targets are allowed (tests, a bot on the same host).
 * Called when a URL is saved and again before every send, because a name may resolve differently later.
 */
export class TargetGuard {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolve: Resolver = systemResolver,
  ) {}

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
