import * as repo from './rate-limit-repository';

/**
 * Fixed-window rate limits shared by every instance through `rate_limit_counter`: login
 * attempts per client (auth) and survey submissions per client (responses).
 */

/** Adds hits to a key's window and answers the hits in it, these included, and when it resets. */
export const hit = repo.hit;

/** The hits in a key's current window, without adding one (undefined: none). */
export const peek = repo.peek;

/** Removes windows older than this: now and then, not on every request. */
export const deleteExpired = repo.deleteExpired;

export { BatchedRateCounter } from './batched-rate-counter';
