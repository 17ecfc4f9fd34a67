import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which X-Forwarded-* values to believe (TRUST_PROXY): none, the last `n` hops, or only hops
 * from these addresses/CIDR ranges. Never "all": the leftmost X-Forwarded-For is written by
 * the client, so trusting it would let anyone pick their own rate-limit key.
 */
export type TrustProxy = false | number | readonly string[];

export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * The trust function Fastify and the page handler both use, so the API and the pages agree on
 * the client's address and protocol. Fastify 5 refuses a bare hop count (it would trust
 * whoever connects), so a count is expressed here as a function: hop 0 is the socket peer,
 * and `n` hops trust the peer and the n − 1 proxies before it.
 */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile([...trust]);
}

/** Throws when an entry is neither an IP address, a CIDR range nor one of proxy-addr's names. */
export function checkTrustedAddresses(addresses: readonly string[]): void {
  for (const address of addresses) proxyAddr.compile(address);
}

/** The last value of a header each proxy may have appended to (`a, b` → `b`). */
function lastEntry(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined?.split(',').at(-1)?.trim().toLowerCase() || undefined;
}

/** The request's protocol as Fastify's `request.protocol` computes it, for the page server. */
export function requestProtocol(req: IncomingMessage, trust: TrustFunction): 'http' | 'https' {
  if ('encrypted' in req.socket && req.socket.encrypted) return 'https';
  const peer = req.socket.remoteAddress;
  return lastEntry(req.headers['x-forwarded-proto']) === 'https' && peer !== undefined && trust(peer, 0) ? 'https' : 'http';
}

/**
 * One year, subdomains included (helmet's default), and only on answers sent over HTTPS: on
 * plain http a browser ignores it, and a laptop's http://localhost must stay reachable.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';
