import { fail, type ActionFailure } from '@sveltejs/kit';
import { ApiError } from './api';

export interface Failure {
  message: string;
  details: { path: string; message: string }[];
}

/**
 * Runs API calls for a form action: the value, or the API's own message and field details
 * handed back to the form (with anything else the form wants to keep, e.g. what was typed).
 */
export async function attempt<T, K extends Record<string, unknown> = Record<string, never>>(
  call: () => Promise<T>,
  keep?: K,
): Promise<{ ok: true; value: T } | { ok: false; failure: ActionFailure<Failure & K> }> {
  try {
    return { ok: true, value: await call() };
  } catch (e) {
    if (e instanceof ApiError) {
      return { ok: false, failure: fail(e.status, { message: e.body.message, details: e.body.details ?? [], ...(keep ?? ({} as K)) }) };
    }
    throw e;
  }
}
