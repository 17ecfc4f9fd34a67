import type { Agency, AgencyList, CreateAgencyBody, UpdateAgencyBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { isUniqueViolation } from '../../lib/pg-errors';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { pointCounts } from '../points/point-service';
import * as agencies from './agency-repository';

type Db = Kysely<Database>;

export function toAgency(row: agencies.AgencyRow): Agency {
  return { id: row.id, kind: row.kind, name: row.name, ...(row.partner_kind ? { partnerKind: row.partner_kind } : {}), active: row.active };
}

export async function listAgencies(db: Db, collaborationId: string): Promise<AgencyList> {
  return { agencies: (await agencies.listAgencies(db, collaborationId)).map(toAgency) };
}

/** The agency a new user joins: one of the collaboration's, and active (users invite through here). */
export async function agencyForNewUser(db: Db, collaborationId: string, agencyId: string): Promise<Agency | undefined> {
  const row = await agencies.findAgency(db, collaborationId, agencyId);
  return row?.active ? toAgency(row) : undefined;
}

async function agencyOrNotFound(db: Db, actor: Actor, agencyId: string): Promise<agencies.AgencyRow> {
  const row = await agencies.findAgency(db, actor.collaborationId, agencyId);
  if (!row) throw new HttpError(404, 'AGENCY_NOT_FOUND', 'no such agency in your collaboration');
  return row;
}

function nameTaken(name: string): HttpError {
  return new HttpError(409, 'AGENCY_NAME_TAKEN', `an agency called ${name} already exists`, {
    details: [{ path: 'body.name', message: 'already in use' }],
  });
}

function partnerKindRule(kind: Agency['kind'], partnerKind: unknown): void {
  if ((kind === 'partner') !== (partnerKind !== undefined)) {
    throw new HttpError(400, 'PARTNER_KIND', kind === 'partner' ? 'a partner needs its partnerKind' : 'only a partner has a partnerKind', {
      details: [{ path: 'body.partnerKind', message: kind === 'partner' ? 'required for a partner' : 'only for a partner' }],
    });
  }
}

export async function createAgency(db: Db, actor: Actor, input: CreateAgencyBody): Promise<Agency> {
  partnerKindRule(input.kind, input.partnerKind);
  const name = input.name.trim();
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await agencies.insertAgency(trx, {
        collaborationId: actor.collaborationId,
        kind: input.kind,
        name,
        partnerKind: input.partnerKind ?? null,
      });
      await recordAudit(trx, {
        collaborationId: actor.collaborationId,
        actorUserId: actor.userId,
        action: 'agency.create',
        targetType: 'agency',
        targetId: id,
        details: { kind: input.kind, ...(input.partnerKind ? { partnerKind: input.partnerKind } : {}) },
      });
      return toAgency(await agencyOrNotFound(trx, actor, id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

/**
 * Renames, re-kinds a partner, deactivates or reactivates. An agency is deactivated only once
 * none of its accounts works any more (disable them first), and the last police agency stays
 * while police-only records exist: without it nobody could ever see them.
 */
async function checkDeactivation(trx: Db, actor: Actor, row: agencies.AgencyRow): Promise<void> {
  if ((await agencies.countLiveUsers(trx, row.id)) > 0) {
    throw new HttpError(409, 'AGENCY_HAS_USERS', 'disable the accounts of this agency before deactivating it');
  }
  if (row.kind !== 'police' || (await agencies.countOtherActivePolice(trx, actor.collaborationId, row.id)) > 0) return;
  const counts = await pointCounts(trx, actor.collaborationId);
  if (counts.some((c) => c.police_only && c.total > 0)) {
    throw new HttpError(409, 'LAST_POLICE_AGENCY', 'police-only records exist: the collaboration must keep a police agency');
  }
}

export async function updateAgency(db: Db, actor: Actor, agencyId: string, changes: UpdateAgencyBody): Promise<Agency> {
  const name = changes.name?.trim();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await agencyOrNotFound(trx, actor, agencyId);
      if (changes.partnerKind !== undefined) partnerKindRule(row.kind, changes.partnerKind);
      if (changes.active === false && row.active) await checkDeactivation(trx, actor, row);
      await agencies.updateAgency(trx, agencyId, { ...changes, ...(name !== undefined ? { name } : {}) });
      await recordAudit(trx, {
        collaborationId: actor.collaborationId,
        actorUserId: actor.userId,
        action: changes.active === false ? 'agency.deactivate' : 'agency.update',
        targetType: 'agency',
        targetId: agencyId,
        details: { ...changes },
      });
      return toAgency(await agencyOrNotFound(trx, actor, agencyId));
    });
  } catch (error) {
    if (isUniqueViolation(error) && name !== undefined) throw nameTaken(name);
    throw error;
  }
}
