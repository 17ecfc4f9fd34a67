import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { pendingModeration } from '../moderation/moderation-service';
import { dueFollowUps } from '../pledges/pledge-service';
import { openActionsOwnedBy } from '../walks/walk-action-service';
import * as mail from './mail-repository';
import { queueMail } from './mail-service';
import { digestMail } from './mail-texts';

/** The digest goes out from this hour, Swedish time, once per person and day. */
export const DIGEST_HOUR = 7;

/** 'YYYY-MM-DD' and the hour in Sweden: the digest's day is Swedish, whatever the server's zone. */
export function swedishDay(now: Date): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/**
 * Queues each active staff member's digest for `now`'s day, if something waits for them:
 * - the moderation queue (admins and coordinators, who may moderate);
 * - the open actions of the safety walks they created;
 * - the due follow-ups of signed pledges whose responsible kind is their agency's kind
 *   (municipality, police; "other" goes to the admins).
 * Nothing waiting → no mail. The dedupe key makes a second run (or instance) that day a no-op.
 */
export async function queueDigests(db: Kysely<Database>, now: Date, origin: string): Promise<number> {
  const { day } = swedishDay(now);
  const staff = await mail.activeStaff(db);
  const perCollaboration = new Map<string, Promise<[{ texts: number; flagged: number }, Awaited<ReturnType<typeof dueFollowUps>>]>>();
  let queued = 0;
  for (const person of staff) {
    let shared = perCollaboration.get(person.collaboration_id);
    if (!shared) {
      shared = Promise.all([pendingModeration(db, person.collaboration_id), dueFollowUps(db, person.collaboration_id, day)]);
      perCollaboration.set(person.collaboration_id, shared);
    }
    const [moderationCounts, followUps] = await shared;
    const moderates = person.role === 'admin' || person.role === 'coordinator';
    const moderation = moderates && moderationCounts.texts + moderationCounts.flagged > 0 ? moderationCounts : null;
    const mine = moderates
      ? followUps.filter((f) => f.responsibleKind === person.agency_kind || (f.responsibleKind === 'other' && person.role === 'admin'))
      : [];
    const walkActions = await openActionsOwnedBy(db, person.collaboration_id, person.id);
    if (!moderation && mine.length === 0 && walkActions.length === 0) continue;
    const text = digestMail(
      {
        displayName: person.display_name,
        collaborationName: person.collaboration_name,
        moderation,
        walkActions,
        followUps: mine,
        origin,
      },
      'sv',
    );
    const stored = await queueMail(db, {
      collaborationId: person.collaboration_id,
      kind: 'digest',
      recipient: person.email,
      ...text,
      dedupeKey: `digest:${person.id}:${day}`,
    });
    if (stored) queued++;
  }
  return queued;
}
