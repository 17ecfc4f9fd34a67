import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { areaShapes } from '../areas/area-service';
import * as pointStore from '../points/point-service';
import { AreaIndex } from './area-index';
import { must } from '@lagesbild/shared';

const REASSIGN_PAGE = 10_000;

/**
 * Puts every point of the collaboration in the area that contains it; returns how many moved. A
 * point known only to its area keeps the area it was given while that area still contains it
 * (its level, municipality or district, was chosen on purpose); otherwise it gets the largest.
 */
export async function reassignAreas(db: Kysely<Database>, collaborationId: string, onProgress?: (done: number) => void): Promise<number> {
  const index = new AreaIndex(await areaShapes(db, collaborationId, 'id'));
  let after: string | null = null;
  let moved = 0;
  let done = 0;
  for (;;) {
    const page = await pointStore.pointPage(db, collaborationId, after, REASSIGN_PAGE);
    if (page.length === 0) break;
    const changes: { id: string; areaId: string | null }[] = [];
    for (const p of page) {
      const coarse = p.precision === 'area';
      if (coarse && p.area_id && index.areaContains(p.area_id, p.lon, p.lat)) continue;
      const areaId = index.locate(p.lon, p.lat, coarse);
      if (areaId !== p.area_id) changes.push({ id: p.id, areaId });
    }
    await pointStore.setPointAreas(db, collaborationId, changes);
    moved += changes.length;
    done += page.length;
    onProgress?.(done);
    after = must(page.at(-1), 'the last point of the page').id;
  }
  return moved;
}
