import { BlockList, isIP } from "node:net";

// Everything a trader's webhook or a browser's push service has no business being: loopback, private,
// link-local (cloud metadata at 169.254.169.254), shared, documentation, multicast and reserved ranges.
const NON_PUBLIC_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
// IPv6 ranges that are not public, plus the ones that embed an IPv4 address (mapped, NAT64, 6to4, Teredo),
// which could otherwise smuggle a private IPv4 target past the list above.
const NON_PUBLIC_V6: [string, number][] = [
  // Unspecified, loopback and the deprecated IPv4-compatible form (::a.b.c.d, e.g. ::127.0.0.1 or ::10.0.0.1).
  ["::", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
];

// Separate lists: a BlockList matches IPv4 addresses against an IPv4-mapped IPv6 rule, which would make every
// IPv4 address look mapped. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are refused outright.
const blockedV4 = new BlockList();
for (const [network, prefix] of NON_PUBLIC_V4) blockedV4.addSubnet(network, prefix, "ipv4");
const blockedV6 = new BlockList();
for (const [network, prefix] of NON_PUBLIC_V6) blockedV6.addSubnet(network, prefix, "ipv6");
const mappedV4 = new BlockList();
mappedV4.addSubnet("::ffff:0:0", 96, "ipv6");

/** True for an IP address that belongs to the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blockedV4.check(address, "ipv4");
  if (family === 6) return !blockedV6.check(address, "ipv6") && !mappedV4.check(address, "ipv6");
  return false;
}
