import type { Migration } from 'kysely';
import * as core from './20261125080000_core';
import * as staff from './20261125090000_staff';
import * as surveys from './20261125100000_surveys';
import * as imports from './20261125110000_imports';
import * as hotspotDataVersion from './20261125143700_hotspot_data_version';
import * as problemPicture from './20261125160000_problem_picture';
import * as walksDialogues from './20261125171500_walks_dialogues';
import * as pledges from './20261125190000_pledges';
import * as snapshotOneDay from './20261126090000_snapshot_one_day';
import * as accountEmailPerCollaboration from './20261204190000_account_email_per_collaboration';
import * as loginThrottle from './20261204191000_login_throttle';
import * as publishedResults from './20261204192000_published_results';
import * as agenciesAndCollaboration from './20261205100000_agencies_and_collaboration';
import * as mailOutbox from './20261205110000_mail_outbox';
import * as populationSquare from './20261205130000_population_square';

/**
 * Every migration, by name, in order. Listed statically so that tsx, vitest and bundlers all
 * load them the same way; a test checks that no file in this folder is missing here.
 */
export const migrations: Record<string, Migration> = {
  '20261125080000_core': core,
  '20261125090000_staff': staff,
  '20261125100000_surveys': surveys,
  '20261125110000_imports': imports,
  '20261125143700_hotspot_data_version': hotspotDataVersion,
  '20261125160000_problem_picture': problemPicture,
  '20261125171500_walks_dialogues': walksDialogues,
  '20261125190000_pledges': pledges,
  '20261126090000_snapshot_one_day': snapshotOneDay,
  '20261204190000_account_email_per_collaboration': accountEmailPerCollaboration,
  '20261204191000_login_throttle': loginThrottle,
  '20261204192000_published_results': publishedResults,
  '20261205100000_agencies_and_collaboration': agenciesAndCollaboration,
  '20261205110000_mail_outbox': mailOutbox,
  '20261205130000_population_square': populationSquare,
};
