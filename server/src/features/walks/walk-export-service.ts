import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../audit/audit-repository';
import { districtOf } from '../areas/area-geometry';
import { areaShapes } from '../areas/area-service';
import { walkProtocolDocx } from './walk-export';
import * as walks from './walk-repository';
import { getWalk } from './walk-service';

/** The walk protocol as a Word document; every export is audit-logged (ids and counts only). */
export async function exportWalk(db: Kysely<Database>, actor: Actor, walkId: string): Promise<{ bytes: Buffer; fileName: string }> {
  const detail = await getWalk(db, actor, walkId);
  const [photos, areas, collaboration] = await Promise.all([
    walks.walkPhotoBytes(db, walkId),
    areaShapes(db, actor.collaborationId),
    walks.collaborationName(db, actor.collaborationId),
  ]);
  const names = new Map(areas.map((a) => [a.id, a.name]));
  const districts = new Map<string, string>();
  for (const stop of detail.stops) {
    const id = districtOf(areas, stop.lat, stop.lon);
    const name = id === null ? undefined : names.get(id);
    if (name !== undefined) districts.set(stop.clientId, name);
  }
  const bytes = await walkProtocolDocx({
    collaborationName: collaboration,
    walk: detail.walk,
    stops: detail.stops,
    districts,
    photos: photos.map((p) => ({
      stopClientId: p.stop_client_id,
      contentType: p.content_type,
      bytes: p.bytes,
      width: p.width,
      height: p.height,
    })),
    exportedAt: new Date(),
  });
  await recordAudit(db, {
    collaborationId: actor.collaborationId,
    actorUserId: actor.userId,
    action: 'walk.export',
    targetType: 'safety_walk',
    targetId: walkId,
    details: { format: 'docx', stops: detail.stops.length, photos: photos.length },
  });
  const slug = detail.walk.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return { bytes, fileName: `trygghetsvandring-${detail.walk.walkedOn}${slug ? `-${slug}` : ''}.docx` };
}
