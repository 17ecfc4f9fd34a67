import { isIPv4, isIPv6 } from 'node:net';
import { pseudonym } from '../../lib/tokens';

/**
 * The login limits (README.md in this folder says why):
 * - per client, across accounts: 30 attempts a minute, then 429 until the minute is over;
 * - per account and client: 5 failures free, then a wait before each next attempt that
 *   doubles from 1 s up to 15 min; failures are forgotten 24 h after the last attempt or at
 *   a successful login from that client;
 * - per account, when 20 failures from any clients arrived within an hour (a distributed
 *   attack): every client with a failure waits after its first one, from 60 s doubling.
 * A client without recent failures on an account is never refused by the last two.
 */
export const LOGIN_LIMITS = {
  client: { max: 30, windowSeconds: 60 },
  pair: { freeFailures: 5, baseWaitSeconds: 1 },
  underAttack: { failures: 20, windowSeconds: 60 * 60, freeFailures: 1, baseWaitSeconds: 60 },
  maxWaitSeconds: 15 * 60,
  memorySeconds: 24 * 60 * 60,
} as const;

export interface WaitRule {
  freeFailures: number;
  baseWaitSeconds: number;
  maxWaitSeconds: number;
  memorySeconds: number;
}

export function waitRule(underAttack: boolean): WaitRule {
  const { freeFailures, baseWaitSeconds } = underAttack ? LOGIN_LIMITS.underAttack : LOGIN_LIMITS.pair;
  return { freeFailures, baseWaitSeconds, maxWaitSeconds: LOGIN_LIMITS.maxWaitSeconds, memorySeconds: LOGIN_LIMITS.memorySeconds };
}

/**
 * The network a client address stands for: an IPv4 address itself, an IPv6 address its /64
 * (one subscriber's whole prefix, which it can rotate through freely).
 */
export function clientNetwork(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain)?.[1];
  if (mapped) return mapped;
  if (isIPv4(plain) || !isIPv6(plain)) return plain;
  const [head = '', tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** The throttles' keys: keyed pseudonyms, so neither an address nor an e-mail is stored. */
export function accountKeyOf(secret: string, email: string): string {
  return pseudonym(secret, email.trim().toLowerCase());
}

export function clientKeyOf(secret: string, address: string): string {
  return pseudonym(secret, clientNetwork(address));
}
