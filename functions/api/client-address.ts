import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Strips the IPv4-mapped IPv6 prefix, so 127.0.0.1 is written one way. */
function plain(address: string): string {
  const a = address.trim();
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

function ipv4(a: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((n) => n > 255)) return null;
  return parts.reduce((acc, n) => acc * 256 + n, 0);
}

/** Whether `address` is one of the trusted proxies: exact addresses, or IPv4 CIDR blocks (10.0.0.0/8). */
export function isTrusted(address: string, trusted: readonly string[]): boolean {
  return trusted.some((entry) => {
    const [base, bits] = entry.split('/');
    if (bits === undefined) return plain(base) === address;
    const a = ipv4(address);
    const b = ipv4(base);
    const n = Number(bits);
    if (a === null || b === null || !Number.isInteger(n) || n < 0 || n > 32) return false;
    const mask = n === 0 ? 0 : 2 ** 32 - 2 ** (32 - n);
    return (a & mask) >>> 0 === (b & mask) >>> 0;
  });
}

/** The peer that opened the connection: API Gateway's source IP in Lambda, the socket locally. */
function peerAddress(c: Context): string | undefined {
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: unknown } } } } | undefined;
  const sourceIp = env?.event?.requestContext?.http?.sourceIp;
  if (typeof sourceIp === 'string' && sourceIp) return plain(sourceIp);
  try {
    const address = getConnInfo(c).remote.address;
    return address ? plain(address) : undefined;
  } catch {
    return undefined; // no socket (in-process requests)
  }
}

/**
 * The client's address for sign-in throttling. X-Forwarded-For is believed only when the peer is a
 * configured proxy (TRUSTED_PROXIES), and then read from the right, skipping trusted hops: anyone can
 * write the header, only the proxy's own entry is true.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  const peer = peerAddress(c);
  if (!peer) return 'unknown';
  if (!isTrusted(peer, trustedProxies)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i], trustedProxies)) return hops[i].slice(0, 64);
  }
  return peer;
}
