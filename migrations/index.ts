import type { Migration } from 'kysely';
import * as core from './20261125080000_core';
import * as staff from './20261125090000_staff';
import * as surveys from './20261125100000_surveys';
import * as problemPicture from './20261125160000_problem_picture';

/**
 * Every migration, by name, in order. Listed statically so that tsx, vitest and bundlers all
 * load them the same way; a test checks that no file in this folder is missing here.
 */
export const migrations: Record<string, Migration> = {
  '20261125080000_core': core,
  '20261125090000_staff': staff,
  '20261125100000_surveys': surveys,
  '20261125160000_problem_picture': problemPicture,
};
