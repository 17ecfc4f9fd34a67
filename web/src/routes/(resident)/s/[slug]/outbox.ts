import type { SubmitResponseBody } from '@lagesbild/shared';

/**
 * Finished answers wait here (in localStorage) until the server has confirmed them with a 201.
 * Each carries the Idempotency-Key made when it was finished, so sending it again after a lost
 * connection can never store it twice.
 */
export interface OutboxItem {
  slug: string;
  key: string;
  body: SubmitResponseBody;
}

export type SendResult = { status: 'sent'; id: string } | { status: 'queued' } | { status: 'refused'; code: string; message: string };

const OUTBOX = 'lagesbild-outbox';

function read(): OutboxItem[] {
  try {
    return JSON.parse(localStorage.getItem(OUTBOX) ?? '[]') as OutboxItem[];
  } catch {
    return [];
  }
}

function write(items: OutboxItem[]): void {
  localStorage.setItem(OUTBOX, JSON.stringify(items));
}

export function enqueue(item: OutboxItem): void {
  write([...read().filter((i) => i.key !== item.key), item]);
}

export function pending(slug: string): OutboxItem[] {
  return read().filter((i) => i.slug === slug);
}

async function send(item: OutboxItem): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(`/api/public/campaigns/${encodeURIComponent(item.slug)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': item.key },
      body: JSON.stringify(item.body),
    });
  } catch {
    return { status: 'queued' };
  }
  if (response.status === 201) {
    const { id } = (await response.json()) as { id: string };
    return { status: 'sent', id };
  }
  // Busy or rate-limited servers and gateways are temporary; anything else will not change on retry.
  if (response.status >= 500 || response.status === 429 || response.status === 408) return { status: 'queued' };
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  return { status: 'refused', code: body.error ?? `HTTP_${response.status}`, message: body.message ?? `HTTP ${response.status}` };
}

/** Sends every waiting answer of this survey; removes those the server took or refused for good. */
export async function flush(slug: string): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const item of pending(slug)) {
    const result = await send(item);
    if (result.status !== 'queued') write(read().filter((i) => i.key !== item.key));
    results.push(result);
  }
  return results;
}

/** A random token for this phone, so repeat answers can be flagged without tracking anyone. */
export function deviceToken(): string {
  const existing = localStorage.getItem('lagesbild-device');
  if (existing) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const token = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  localStorage.setItem('lagesbild-device', token);
  return token;
}
