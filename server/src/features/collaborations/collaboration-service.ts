import { municipalityName, type Collaboration, type UpdateCollaborationBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import * as collaborations from './collaboration-repository';

type Db = Kysely<Database>;

/**
 * Kommunkoder to municipalities by the shipped table (shared/src/municipalities.ts): a code
 * that names no Swedish municipality is a 400 naming the field and the item.
 */
export function municipalitiesByCode(codes: readonly string[], field: string): { code: string; name: string }[] {
  return codes.map((code, i) => {
    const name = municipalityName(code);
    if (name === undefined) {
      throw new HttpError(400, 'UNKNOWN_MUNICIPALITY', `${code} is no Swedish kommunkod`, {
        details: [{ path: `${field}.${i}`, message: 'not an official four-digit kommunkod' }],
      });
    }
    return { code, name };
  });
}

export async function collaborationOf(db: Db, collaborationId: string): Promise<Collaboration> {
  const row = await collaborations.findCollaboration(db, collaborationId);
  if (!row) throw new HttpError(404, 'COLLABORATION_NOT_FOUND', 'no such collaboration');
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    municipalities: await collaborations.municipalitiesOf(db, collaborationId),
    policeArea: row.police_district,
    languages: row.languages,
    disclosureThreshold: row.disclosure_threshold,
  };
}

export async function updateCollaboration(db: Db, actor: Actor, changes: UpdateCollaborationBody): Promise<Collaboration> {
  const municipalities = changes.municipalities ? municipalitiesByCode(changes.municipalities, 'body.municipalities') : undefined;
  if (changes.languages && !changes.languages.includes('sv')) {
    throw new HttpError(400, 'SWEDISH_REQUIRED', 'surveys are always offered in Swedish', {
      details: [{ path: 'body.languages', message: 'must include sv' }],
    });
  }
  return db.transaction().execute(async (trx) => {
    await collaborations.updateCollaboration(trx, actor.collaborationId, {
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.policeArea !== undefined ? { police_district: changes.policeArea.trim() } : {}),
      ...(changes.languages ? { languages: changes.languages } : {}),
      ...(changes.disclosureThreshold !== undefined ? { disclosure_threshold: changes.disclosureThreshold } : {}),
    });
    if (municipalities) await collaborations.replaceMunicipalities(trx, actor.collaborationId, municipalities);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'collaboration.update',
      targetType: 'collaboration',
      targetId: actor.collaborationId,
      // Audit details are flat: lists as comma-separated text.
      details: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
    });
    return collaborationOf(trx, actor.collaborationId);
  });
}
