import type { AgencyKind, DataClassification, ImportFormat, ImportOptions, ImportSource, PointSource } from '@lagesbild/shared';
import { mappingFields } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { areaShapes } from '../areas/area-service';
import { AreaIndex } from './area-index';
import * as repo from './import-repository';
import type { PointContext } from './rows';
import { categoryResolver } from './type-mapping';

/** What every part of an import starts from: who imports, what they may see, their options, the rows' context. */

export interface ImportActor {
  collaborationId: string;
  /** null: the CLI, run by whoever operates the server. */
  userId: string | null;
  /** null: the CLI operator, who may import anything. */
  agencyKind: AgencyKind | null;
  via: 'api' | 'cli';
}

export function seesPoliceOnly(actor: ImportActor): boolean {
  return actor.agencyKind === null || actor.agencyKind === 'police';
}

/** Where the rows come from and who may see them raw, from the format and the chosen source. */
export function classify(
  format: ImportFormat,
  source: ImportSource | undefined,
): { source: ImportSource | null; classification: DataClassification | null } {
  if (format === 'areas') return { source: null, classification: null };
  if (format === 'police') {
    if (source === 'municipality') {
      throw new HttpError(422, 'SOURCE_MISMATCH', 'The police events feed is police data: import it with source=police.', {
        details: [{ path: 'querystring.source', message: 'must be police for the police feed' }],
      });
    }
    // The public events feed is published on polisen.se: internal use, public only in aggregate.
    return { source: 'police', classification: 'public_aggregate' };
  }
  const chosen = source ?? 'municipality';
  return { source: chosen, classification: chosen === 'police' ? 'police_only' : 'internal' };
}

export function mappingOf(query: Partial<ImportOptions>): ImportOptions {
  const keys = [
    'encoding',
    'delimiter',
    'crs',
    ...mappingFields,
    'category',
    'nameField',
    'populationField',
    'kind',
    'includeAllTypes',
  ] as const;
  const options: Record<string, unknown> = {};
  for (const key of keys) if (query[key] !== undefined) options[key] = query[key];
  return options;
}

export async function resolveTemplate(
  db: Kysely<Database>,
  actor: ImportActor,
  templateId: string | undefined,
  format: ImportFormat | undefined,
) {
  if (!templateId) return undefined;
  const template = await repo.findTemplate(db, actor.collaborationId, templateId);
  if (!template) throw new HttpError(404, 'TEMPLATE_NOT_FOUND', 'no such import template in your collaboration');
  if (format && template.format !== format) {
    throw new HttpError(422, 'TEMPLATE_FORMAT', `The template "${template.name}" is for ${template.format} files, not ${format}.`);
  }
  return template;
}

export async function pointContext(
  db: Kysely<Database>,
  collaborationId: string,
  format: PointContext['format'],
  source: PointSource,
  namespace: string,
  options: ImportOptions,
): Promise<PointContext> {
  const [shapes, mappings] = await Promise.all([areaShapes(db, collaborationId, 'id'), repo.loadMappings(db, collaborationId, source)]);
  const custom = new Map(mappings.map((m) => [m.external_type, m.category]));
  return {
    format,
    namespace,
    options,
    areas: new AreaIndex(shapes),
    resolveCategory: categoryResolver(source, custom),
    latestMs: Date.now() + 86_400_000,
  };
}
