import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from './test-app';

/**
 * Builds a test file's shared world once before its tests and closes the app after them. The
 * returned object is filled in by `beforeAll`, so read its fields inside tests and hooks
 * (`world.request(…)`), never at the top of the file.
 */
export function useWorld<W extends { t: TestApp }>(create: () => Promise<W>): W {
  const world = {} as W;
  beforeAll(async () => {
    Object.assign(world, await create());
  });
  afterAll(async () => world.t?.close());
  return world;
}
