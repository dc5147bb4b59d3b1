import { describe, expect, it } from 'vitest';
import { clientKey, parseTrustedProxies } from './client-address.ts';

describe('clientKey', () => {
  const none = parseTrustedProxies('');
  const proxies = parseTrustedProxies('10.0.0.0/8, 192.168.1.5');

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientKey('203.0.113.7', '1.2.3.4', none)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from a socket that is not a trusted proxy', () => {
    expect(clientKey('203.0.113.7', '1.2.3.4', proxies)).toBe('203.0.113.7');
  });

  it('takes the nearest untrusted hop behind trusted proxies, not a forged left-most one', () => {
    expect(clientKey('10.0.0.2', '6.6.6.6, 198.51.100.9, 192.168.1.5', proxies)).toBe('198.51.100.9');
    expect(clientKey('10.0.0.2', '198.51.100.9', proxies)).toBe('198.51.100.9');
  });

  it('stops at a malformed hop, keeping the last address it can vouch for', () => {
    expect(clientKey('10.0.0.2', 'not-an-ip, 10.0.0.9', proxies)).toBe('10.0.0.9');
  });

  it('keys an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1', undefined, none)).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:bbbb::9', undefined, none)).toBe('2001:db8:1:2::/64');
    expect(clientKey('::ffff:203.0.113.7', undefined, none)).toBe('203.0.113.7');
  });

  it('is "unknown" without a usable socket address', () => {
    expect(clientKey(undefined, '1.2.3.4', proxies)).toBe('unknown');
  });
});

describe('parseTrustedProxies', () => {
  it('reads addresses, CIDR ranges and "loopback"', () => {
    const ranges = parseTrustedProxies('loopback, 10.1.0.0/16, 2001:db8::1');
    expect(clientKey('127.0.0.1', '198.51.100.1', ranges)).toBe('198.51.100.1');
    expect(clientKey('::1', '198.51.100.2', ranges)).toBe('198.51.100.2');
    expect(clientKey('10.1.200.3', '198.51.100.3', ranges)).toBe('198.51.100.3');
  });

  it('names the entry it cannot read', () => {
    expect(() => parseTrustedProxies('10.0.0.1, proxy.local')).toThrow(/proxy\.local/);
  });
});
