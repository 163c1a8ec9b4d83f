import { lookup, LookupAddress, LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * One guard against server-side request forgery for every outbound call to a URL an office chose (webhooks):
 * the gateway refuses such a URL when it is set, the router when it connects.
 */

/** What besides public addresses may be called: both off in production. */
export interface AddressPolicy {
  /** Every address, private and loopback included (local setups). */
  allowPrivate: boolean;
  /** Loopback only (127.0.0.0/8, ::1): tests whose receivers listen on this machine. */
  allowLoopback: boolean;
}

export const PUBLIC_ONLY: AddressPolicy = { allowPrivate: false, allowLoopback: false };

/** The target of a webhook resolved to an address the router must not call (SSRF). */
export class BlockedAddressError extends Error {
  constructor(address: string) {
    super(`address ${address} is not a public address`);
    this.name = 'BlockedAddressError';
  }
}

// Loopback, private, link-local (cloud metadata), shared (CGNAT), benchmarking, multicast, reserved and
// broadcast (224.0.0.0/3 covers 224-255); unique-local fc00::/7 and IPv6 multicast. IPv6 forms that embed an
// IPv4 address are judged in isPublicAddress.
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const g = ipv6Groups(address);
  if (!g) return false;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const ipv4At = (i: number) => `${g[i] >> 8}.${g[i] & 0xff}.${g[i + 1] >> 8}.${g[i + 1] & 0xff}`;
  // IPv6 forms that carry an IPv4 address are judged by it: the packet ends up at that IPv4 host.
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-translated ::ffff:0:a.b.c.d.
  if (zeros(0, 5) && g[5] === 0xffff) return isPublicAddress(ipv4At(6));
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return isPublicAddress(ipv4At(6));
  // ::/96: unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d, never a public host.
  if (zeros(0, 6)) return false;
  // NAT64 64:ff9b::/96 (RFC 6052): the gateway connects to the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return isPublicAddress(ipv4At(6));
  // Local-use NAT64 64:ff9b:1::/48 (RFC 8215): where the IPv4 sits depends on the operator's prefix length.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return false;
  // 6to4 2002::/16 (RFC 3056): the relay delivers to the IPv4 address in bits 16-47.
  if (g[0] === 0x2002) return isPublicAddress(ipv4At(1));
  // Teredo 2001::/32 (RFC 4380): the client's IPv4 address is hidden (inverted) in the last 32 bits.
  if (g[0] === 0x2001 && g[1] === 0) return false;
  return !NON_PUBLIC.check(address, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (isIP already said it is one), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (p: string | undefined) => (p ? p.split(':').map((x) => parseInt(x, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups =
    tail === undefined
      ? left
      : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff)
    ? groups
    : null;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** 127.0.0.0/8 and ::1, also written IPv4-mapped (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return LOOPBACK.check(address, 'ipv4');
  if (family !== 6) return false;
  const g = ipv6Groups(address);
  if (g && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return g[6] >> 8 === 127;
  return LOOPBACK.check(address, 'ipv6');
}

export function isPermittedAddress(address: string, policy: AddressPolicy): boolean {
  return (
    policy.allowPrivate || isPublicAddress(address) || (policy.allowLoopback && isLoopbackAddress(address))
  );
}

/**
 * The host of `url` when it names a place the policy forbids without asking DNS: an IP literal (as the WHATWG
 * parser normalises it: 0x7f.1 and 2130706433 are 127.0.0.1) or a localhost name; else null. Other names are
 * judged on the address connected to (permittedOnlyLookup).
 */
export function forbiddenLiteralHost(url: URL, policy: AddressPolicy): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host)) return isPermittedAddress(host, policy) ? null : host;
  const localName = host === 'localhost' || host.endsWith('.localhost');
  return localName && !policy.allowPrivate && !policy.allowLoopback ? host : null;
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;
type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * dns.lookup for http.request that refuses addresses the policy forbids: checked on the address actually
 * connected to, so a name that resolves differently later (DNS rebinding) cannot slip through.
 */
export function permittedOnlyLookup(policy: AddressPolicy): Lookup {
  return (hostname, options, callback) =>
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const blocked = addresses.find((a) => !isPermittedAddress(a.address, policy));
      if (blocked) return callback(new BlockedAddressError(blocked.address), '');
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      callback(null, first.address, first.family);
    });
}
