import { BlockList, isIP } from "node:net";

/** One entry of TRUSTED_PROXIES: an address (a /32 or /128 range) or a CIDR range. */
export interface ProxyRange {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** Parses "10.0.0.1, 10.1.0.0/16, fd00::/8"; returns the first bad entry as a string instead. */
export function parseProxyList(text: string): ProxyRange[] | string {
  const ranges: ProxyRange[] = [];
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = "", prefixText] = entry.split("/");
    const version = isIP(address);
    if (version === 0) return entry;
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) return entry;
    ranges.push({ address, prefix, family: version === 4 ? "ipv4" : "ipv6" });
  }
  return ranges;
}

/** An IPv4 client reached over a dual-stack socket shows as ::ffff:a.b.c.d; both spellings are one address. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * Finds the client behind trusted proxies: the TCP peer unless it is one of them, else X-Forwarded-For read
 * from the right, skipping trusted hops. Entries left of the first untrusted hop are the client's own
 * claims and never believed, so a client cannot pick the address it is counted under.
 */
export function proxyTrust(ranges: readonly ProxyRange[]): ProxyTrust {
  const trusted = new BlockList();
  for (const range of ranges) trusted.addSubnet(range.address, range.prefix, range.family);
  const isTrusted = (address: string) => {
    const version = isIP(address);
    return version !== 0 && trusted.check(address, version === 4 ? "ipv4" : "ipv6");
  };
  const clientOf = (peer: string, forwardedFor: string | string[] | undefined) => {
    let client = plainAddress(peer);
    if (ranges.length === 0 || !isTrusted(client)) return client;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
      .split(",")
      .map((hop) => plainAddress(hop.trim()));
    for (let index = hops.length - 1; index >= 0; index--) {
      const hop = hops[index] ?? "";
      // Garbage in the header ends the walk: what stands left of it cannot be vouched for.
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!isTrusted(hop)) return hop;
    }
    return client;
  };
  return { clientOf, isTrusted: (peer) => ranges.length > 0 && isTrusted(plainAddress(peer)) };
}

export interface ProxyTrust {
  /** The address a request is counted under. */
  clientOf(peer: string, forwardedFor: string | string[] | undefined): string;
  /** True when this TCP peer is one of TRUSTED_PROXIES (its X-Forwarded-* headers are believed). */
  isTrusted(peer: string): boolean;
}
