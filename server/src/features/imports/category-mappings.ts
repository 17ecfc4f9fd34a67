import {
  categoryCodes,
  type CategoryMappingBody,
  type CategoryMappingItem,
  type CategoryMappingResult,
  type PointSource,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { disclose } from '../overview/overview-service';
import * as pointStore from '../points/point-service';
import { seesPoliceOnly, type ImportActor } from './import-context';
import * as repo from './import-repository';
import { categoryResolver, normaliseType } from './type-mapping';

/** The collaboration's own mapping of source types onto categories, over the defaults, and the rows it re-maps. */

function addCounts(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/** Every imported type with the category it maps to (own mapping, default or unmapped) and its rows. */
export async function listMappings(db: Kysely<Database>, actor: ImportActor, source?: PointSource): Promise<CategoryMappingItem[]> {
  const [counts, custom, threshold] = await Promise.all([
    pointStore.importedTypeCounts(db, actor.collaborationId, source),
    repo.loadMappings(db, actor.collaborationId, source),
    repo.collaborationThreshold(db, actor.collaborationId),
  ]);
  const isPolice = seesPoliceOnly(actor);
  const items = new Map<string, { source: PointSource; externalType: string; policeOnly: number; others: number }>();
  for (const c of counts) {
    const key = `${c.source}\u0000${normaliseType(c.external_type)}`;
    const item = items.get(key) ?? { source: c.source, externalType: c.external_type, policeOnly: 0, others: 0 };
    item.policeOnly += c.police_only;
    item.others += c.others;
    items.set(key, item);
  }
  for (const m of custom) {
    const key = `${m.source}\u0000${m.external_type}`;
    if (!items.has(key)) items.set(key, { source: m.source, externalType: m.external_type, policeOnly: 0, others: 0 });
  }
  const customMap = new Map(custom.map((m) => [`${m.source}\u0000${m.external_type}`, m.category]));
  const resolvers = new Map<PointSource, ReturnType<typeof categoryResolver>>();
  const result: CategoryMappingItem[] = [...items.entries()].map(([key, item]) => {
    let resolve = resolvers.get(item.source);
    if (!resolve) {
      resolve = categoryResolver(
        item.source,
        new Map(custom.filter((m) => m.source === item.source).map((m) => [m.external_type, m.category])),
      );
      resolvers.set(item.source, resolve);
    }
    const customCategory = customMap.get(key);
    const resolved = customCategory !== undefined ? { category: customCategory, origin: 'custom' as const } : resolve(item.externalType);
    return {
      source: item.source,
      externalType: item.externalType,
      category: resolved.category,
      origin: resolved.origin,
      rows: addCounts(disclose(item.policeOnly, true, isPolice, threshold), item.others),
    };
  });
  const rank = { unmapped: 0, custom: 1, default: 2 };
  return result.sort(
    (a, b) => rank[a.origin] - rank[b.origin] || (b.rows ?? 0) - (a.rows ?? 0) || a.externalType.localeCompare(b.externalType, 'sv'),
  );
}

/** Maps a source type onto a category and re-categorises the rows already imported with it. */
export async function setMapping(db: Kysely<Database>, actor: ImportActor, body: CategoryMappingBody): Promise<CategoryMappingResult> {
  if (!categoryCodes.includes(body.category)) throw new HttpError(422, 'UNKNOWN_CATEGORY', 'unknown category');
  const key = normaliseType(body.externalType);
  return db.transaction().execute(async (trx) => {
    const mappingId = await repo.upsertMapping(trx, {
      collaborationId: actor.collaborationId,
      source: body.source,
      key,
      category: body.category,
      userId: actor.userId,
    });
    const spellings = (await pointStore.importedTypeCounts(trx, actor.collaborationId, body.source))
      .map((c) => c.external_type)
      .filter((t) => normaliseType(t) === key);
    const changed = await pointStore.recategoriseImported(trx, actor.collaborationId, body.source, spellings, body.category);
    const threshold = await repo.collaborationThreshold(trx, actor.collaborationId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.mapping',
      targetType: 'category_mapping',
      targetId: mappingId,
      details: { source: body.source, category: body.category },
    });
    return {
      source: body.source,
      externalType: body.externalType.trim(),
      category: body.category,
      rowsRecategorised: addCounts(disclose(changed.police_only, true, seesPoliceOnly(actor), threshold), changed.others),
    };
  });
}
