import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A fresh random secret for a cookie or a one-time link (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, so a leaked table opens no sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A keyed pseudonym for a client address or e-mail in rate-limit keys: no IP address is stored. */
export function pseudonym(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url').slice(0, 32);
}
