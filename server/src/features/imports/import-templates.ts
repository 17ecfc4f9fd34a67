import { importFormats, type ImportOptions, type ImportTemplate, type ImportTemplateBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { mappingOf, type ImportActor } from './import-context';
import * as repo from './import-repository';

/** Saved import settings (format, source, column mapping) a coordinator picks instead of mapping again. */

function toTemplate(row: Awaited<ReturnType<typeof repo.listTemplates>>[number]): ImportTemplate {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    source: row.source,
    options: row.options as ImportOptions,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listTemplates(db: Kysely<Database>, actor: ImportActor): Promise<ImportTemplate[]> {
  return (await repo.listTemplates(db, actor.collaborationId)).map(toTemplate);
}

export async function saveTemplate(db: Kysely<Database>, actor: ImportActor, body: ImportTemplateBody): Promise<ImportTemplate> {
  if (!importFormats.includes(body.format)) throw new HttpError(422, 'UNKNOWN_FORMAT', 'unknown format');
  return db.transaction().execute(async (trx) => {
    const row = await repo.upsertTemplate(trx, {
      collaborationId: actor.collaborationId,
      name: body.name.trim(),
      format: body.format,
      source: body.source ?? null,
      options: mappingOf(body.options),
      userId: actor.userId,
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.template.save',
      targetType: 'import_template',
      targetId: row.id,
    });
    return toTemplate(row);
  });
}

export async function deleteTemplate(db: Kysely<Database>, actor: ImportActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTemplate(trx, actor.collaborationId, id)))
      throw new HttpError(404, 'TEMPLATE_NOT_FOUND', 'no such import template in your collaboration');
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.template.delete',
      targetType: 'import_template',
      targetId: id,
    });
  });
}
