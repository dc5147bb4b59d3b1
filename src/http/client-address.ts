/**
 * @module
 * Who a request comes from, for rate limits: the socket's address, or — behind proxies the
 * operator names in TRUST_PROXY — the nearest X-Forwarded-For hop that is not one of them,
 * read from the right (hops further left are whatever the client wrote, and could be
 * forged). IPv6 clients are keyed by their /64: one home or phone network gets a whole
 * /64, and rotating addresses inside it must not reset the limit.
 */
import ipaddr from 'ipaddr.js';

export type TrustedProxies = Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

/** "127.0.0.1, 10.0.0.0/8, ::1" → address ranges; "loopback" names 127.0.0.0/8 and ::1. Throws naming the bad entry. */
export function parseTrustedProxies(value: string): TrustedProxies {
  const ranges: TrustedProxies = [];
  for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === 'loopback') {
      ranges.push(ipaddr.parseCIDR('127.0.0.0/8'), ipaddr.parseCIDR('::1/128'));
      continue;
    }
    try {
      ranges.push(raw.includes('/') ? ipaddr.parseCIDR(raw) : (() => {
        const address = ipaddr.parse(raw);
        return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
      })());
    } catch {
      throw new Error(`"${raw}" is not an IP address or CIDR range`);
    }
  }
  return ranges;
}

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    const parsed = ipaddr.parse(address.trim());
    // "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is the IPv4 address.
    return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  } catch {
    return null;
  }
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, trusted: TrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/** Whether the socket's peer is one of the proxies named in TRUST_PROXY (it then terminates TLS for us). */
export function isTrustedProxy(socketAddress: string | undefined, trusted: TrustedProxies): boolean {
  const socket = socketAddress ? parse(socketAddress) : null;
  return socket !== null && trusted.length > 0 && isTrusted(socket, trusted);
}

function key(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

/** The rate-limit key of a request: its client's address (an IPv6 client's /64), or "unknown". */
export function clientKey(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  const socket = socketAddress ? parse(socketAddress) : null;
  if (!socket) return 'unknown';
  if (!forwardedFor || !isTrusted(socket, trusted)) return key(socket);
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parse(hops[i] ?? '');
    // A malformed hop was written by someone untrusted: stop at the last address we can vouch for.
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return key(client);
}
