import type { ErrorBody } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';

/** A failed API call, carrying the API's own error body so pages can show its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

type Fetch = typeof fetch;

/** Calls the API from a load or action (through handleFetch, with the caller's cookie). */
export async function api<T>(
  fetch: Fetch,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const body = (json as ErrorBody | undefined) ?? { error: 'HTTP_' + response.status, message: response.statusText };
    throw new ApiError(response.status, body);
  }
  return json as T;
}

/**
 * A load's API call for one record: the API's 404 (and its 400 for a malformed id) become the
 * page's own 404, with the API's message unless the page has a better one.
 */
export async function orNotFound<T>(call: () => Promise<T>, message?: string): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, message ?? e.body.message);
    throw e;
  }
}
