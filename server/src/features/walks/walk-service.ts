import { createHash } from 'node:crypto';
import {
  PHOTOS_PER_STOP_MAX,
  STOP_MAX_DISTANCE_M,
  isInSweden,
  pointInGeometry,
  safetyParameters,
  walkStopCategories,
  walkTimeBand,
  wgs84ToSweref,
  type ActionStatus,
  type CreateWalkBody,
  type PutStopBody,
  type StopRatings,
  type UpdateWalkBody,
  type WalkAction,
  type WalkDetail,
  type WalkList,
  type WalkPhoto,
  type WalkStop,
  type WalkSummary,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database, NewPoint } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { ImageError, stripImageMetadata } from './image-metadata';
import { walkProtocolDocx } from './walk-export';
import {
  collaborationAreas,
  districtOf,
  extentOf,
  metresOutsideBbox,
  stockholmHourOf,
  stockholmInstant,
  unionBbox,
  type AreaRecord,
} from './placement';
import * as walks from './walk-repository';
import type { StopRow, WalkRow } from './walk-repository';

export interface Actor {
  userId: string;
  collaborationId: string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function toWalkSummary(row: WalkRow): WalkSummary {
  return {
    id: row.id,
    title: row.title,
    areaId: row.area_id,
    areaName: row.area_name,
    routeDescription: row.route_description,
    walkedOn: row.walked_on,
    light: row.light,
    participants: row.participants,
    partners: row.partners ?? [],
    status: row.status,
    stops: row.stops,
    photos: row.photos,
    openActions: row.open_actions,
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at),
  };
}

export async function walkOrNotFound(db: Kysely<Database>, actor: Actor, walkId: string): Promise<WalkRow> {
  // Another collaboration's walk is "not found": its existence is not ours to reveal.
  const row = await walks.findWalk(db, actor.collaborationId, walkId);
  if (!row) throw new HttpError(404, 'WALK_NOT_FOUND', 'no such safety walk in your collaboration');
  return row;
}

async function stopOrNotFound(db: Kysely<Database>, walkId: string, clientId: string): Promise<StopRow> {
  const row = await walks.findStop(db, walkId, clientId);
  if (!row) throw new HttpError(404, 'STOP_NOT_FOUND', 'the walk has no stop with this id (upload the stop before its photos)');
  return row;
}

function areaOptions(areas: readonly AreaRecord[]) {
  return areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
}

function unknownArea(): HttpError {
  return new HttpError(422, 'UNKNOWN_AREA', 'the area is not one of your collaboration’s areas', {
    details: [{ path: 'body.areaId', message: 'unknown area' }],
  });
}

export async function listWalks(db: Kysely<Database>, actor: Actor): Promise<WalkList> {
  const [rows, areas] = await Promise.all([walks.listWalks(db, actor.collaborationId), collaborationAreas(db, actor.collaborationId)]);
  return { walks: rows.map(toWalkSummary), areas: areaOptions(areas) };
}

const cleanPartners = (partners: string[] | undefined) => [...new Set((partners ?? []).map((p) => p.trim()).filter(Boolean))];
const blankToNull = (value: string | null | undefined) => (value === undefined || value === null || value.trim() === '' ? null : value.trim());

export async function createWalk(db: Kysely<Database>, actor: Actor, body: CreateWalkBody): Promise<WalkSummary> {
  const areaId = body.areaId ?? null;
  const route = blankToNull(body.routeDescription);
  if (!areaId && !route) {
    throw new HttpError(422, 'ROUTE_OR_AREA_REQUIRED', 'give the walk an area or describe its route', {
      details: [{ path: 'body.areaId', message: 'an area or a route description is required' }],
    });
  }
  return db.transaction().execute(async (trx) => {
    if (areaId) {
      const areas = await collaborationAreas(trx, actor.collaborationId);
      if (!areas.some((a) => a.id === areaId)) throw unknownArea();
    }
    const id = await walks.insertWalk(trx, {
      collaboration_id: actor.collaborationId,
      title: body.title.trim(),
      area_id: areaId,
      route_description: route,
      walked_on: body.walkedOn,
      light: body.light,
      participants: body.participants,
      partners: cleanPartners(body.partners),
      status: body.status ?? 'planned',
      created_by: actor.userId,
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'walk.create',
      targetType: 'safety_walk',
      targetId: id,
      details: { light: body.light, participants: body.participants },
    });
    return toWalkSummary(await walkOrNotFound(trx, actor, id));
  });
}

export async function updateWalk(db: Kysely<Database>, actor: Actor, walkId: string, body: UpdateWalkBody): Promise<WalkSummary> {
  return db.transaction().execute(async (trx) => {
    const walk = await walkOrNotFound(trx, actor, walkId);
    const areas = await collaborationAreas(trx, actor.collaborationId);
    if (body.areaId && !areas.some((a) => a.id === body.areaId)) throw unknownArea();
    const areaId = body.areaId !== undefined ? body.areaId : walk.area_id;
    const route = body.routeDescription !== undefined ? blankToNull(body.routeDescription) : walk.route_description;
    if (!areaId && !route) {
      throw new HttpError(422, 'ROUTE_OR_AREA_REQUIRED', 'a walk keeps an area or a route description', {
        details: [{ path: 'body.routeDescription', message: 'an area or a route description is required' }],
      });
    }
    await walks.updateWalk(trx, walkId, {
      ...(body.title !== undefined ? { title: body.title.trim() } : {}),
      ...(body.areaId !== undefined ? { area_id: body.areaId } : {}),
      ...(body.routeDescription !== undefined ? { route_description: route } : {}),
      ...(body.walkedOn !== undefined ? { walked_on: body.walkedOn } : {}),
      ...(body.light !== undefined ? { light: body.light } : {}),
      ...(body.participants !== undefined ? { participants: body.participants } : {}),
      ...(body.partners !== undefined ? { partners: cleanPartners(body.partners) } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    });
    // Date and light set the stops' time in the point store.
    const timing = (body.walkedOn !== undefined && body.walkedOn !== walk.walked_on) || (body.light !== undefined && body.light !== walk.light);
    const updated = await walkOrNotFound(trx, actor, walkId);
    if (timing) {
      for (const stop of await walks.listStops(trx, walkId)) await syncStopPoints(trx, actor.collaborationId, updated, stop, areas);
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'walk.update',
      targetType: 'safety_walk',
      targetId: walkId,
      details: { fields: Object.keys(body).sort().join(',') },
    });
    return toWalkSummary(updated);
  });
}

function ratingsOf(row: StopRow | PutStopBody['ratings']): StopRatings {
  const source = row as Record<string, number | null | undefined>;
  return Object.fromEntries(safetyParameters.map((p) => [p, source[p] ?? null])) as StopRatings;
}

/** Canonical JSON (sorted keys), so the same stop sent twice hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function normalizeStop(body: PutStopBody) {
  return {
    lat: body.lat,
    lon: body.lon,
    ratings: ratingsOf(body.ratings),
    notes: blankToNull(body.notes),
    action: body.action
      ? { text: body.action.text.trim(), owner: body.action.owner, ownerName: blankToNull(body.action.ownerName) }
      : null,
    recordedAt: body.recordedAt ? new Date(body.recordedAt).toISOString() : null,
  };
}

const km = (metres: number) => (metres / 1000).toLocaleString('en', { maximumFractionDigits: 1 });

/** A stop must lie near its walk: within 2 km of its area's box, else inside the collaboration. */
export function checkStopLocation(walk: Pick<WalkRow, 'area_id'>, areas: readonly AreaRecord[], lat: number, lon: number): void {
  const details = [
    { path: 'body.lat', message: 'too far from the walk' },
    { path: 'body.lon', message: 'too far from the walk' },
  ];
  if (!isInSweden(lat, lon)) {
    throw new HttpError(422, 'STOP_TOO_FAR', 'The stop is not in Sweden: check the position.', { details });
  }
  const area = walk.area_id ? areas.find((a) => a.id === walk.area_id) : undefined;
  if (area) {
    const outside = metresOutsideBbox(area.bbox, lat, lon);
    if (outside > STOP_MAX_DISTANCE_M) {
      throw new HttpError(
        422,
        'STOP_TOO_FAR',
        `The stop lies ${km(outside)} km outside the walk's area "${area.name}" (at most ${STOP_MAX_DISTANCE_M / 1000} km is accepted). ` +
          'Check the position (GPS is poor indoors) or the walk’s area.',
        { details },
      );
    }
    return;
  }
  const extent = extentOf(areas);
  if (extent.length === 0) return;
  if (!extent.some((a) => pointInGeometry(lon, lat, a.geometry))) {
    const outside = Math.min(...extent.map((a) => metresOutsideBbox(a.bbox, lat, lon)));
    throw new HttpError(
      422,
      'STOP_TOO_FAR',
      `The stop lies outside the collaboration's boundary (${extent.map((a) => a.name).join(', ')})` +
        (outside > 0 ? `, ${km(outside)} km beyond its outer edge` : '') +
        ': check the position.',
      { details },
    );
  }
}

/**
 * Rewrites the stop's rows in the point store: one point per category its low ratings give
 * (walkStopCategories), source "walk", internal, exact. The time is when the phone recorded the
 * stop if that lies on the walk's date (give or take a day), else the walk's date at noon
 * (daylight) or 8 pm (dark); the time band follows daylight/dark (walkTimeBand).
 */
export async function syncStopPoints(
  db: Kysely<Database>,
  collaborationId: string,
  walk: Pick<WalkRow, 'walked_on' | 'light'>,
  stop: Pick<StopRow, 'id' | 'lat' | 'lon' | 'x' | 'y' | 'recorded_at'> & Partial<StopRatings>,
  areas: readonly AreaRecord[],
): Promise<void> {
  await walks.deletePointsOf(db, 'walk_stop', [stop.id]);
  const categories = walkStopCategories(ratingsOf(stop as StopRow));
  if (categories.length === 0) return;
  const dayStart = stockholmInstant(walk.walked_on, 0).getTime();
  const recorded = stop.recorded_at ? new Date(stop.recorded_at) : null;
  const onTheDay = recorded !== null && recorded.getTime() >= dayStart - 86_400_000 && recorded.getTime() < dayStart + 2 * 86_400_000;
  const occurredAt = onTheDay ? recorded : stockholmInstant(walk.walked_on, walk.light === 'daylight' ? 12 : 20);
  const band = walkTimeBand(walk.light, onTheDay ? stockholmHourOf(recorded) : undefined);
  const areaId = districtOf(areas, stop.lat, stop.lon);
  const points: NewPoint[] = categories.map((category) => ({
    collaboration_id: collaborationId,
    source: 'walk',
    category,
    occurred_at: occurredAt,
    time_band: band,
    lat: stop.lat,
    lon: stop.lon,
    x: stop.x,
    y: stop.y,
    precision: 'exact',
    area_id: areaId,
    classification: 'internal',
    origin_kind: 'walk_stop',
    origin_id: stop.id,
  }));
  await walks.insertPoints(db, points);
}

type PhotoRow = Awaited<ReturnType<typeof walks.listPhotos>>[number];

function toPhoto(row: PhotoRow): WalkPhoto {
  return {
    id: row.client_id,
    contentType: row.content_type,
    bytes: row.size,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
  };
}

function toStop(row: StopRow, points: { id: string; category: WalkStop['categories'][number] }[], photos: PhotoRow[]): WalkStop {
  return {
    clientId: row.client_id,
    lat: row.lat,
    lon: row.lon,
    ratings: ratingsOf(row),
    notes: row.notes,
    action:
      row.action_text && row.action_owner
        ? { text: row.action_text, owner: row.action_owner, ownerName: row.action_owner_name, status: row.action_status }
        : null,
    recordedAt: row.recorded_at ? iso(row.recorded_at) : null,
    createdAt: iso(row.created_at),
    categories: walkStopCategories(ratingsOf(row)),
    pointIds: points.map((p) => p.id),
    photos: photos.map(toPhoto),
  };
}

async function stopsWithDetails(db: Kysely<Database>, rows: StopRow[]): Promise<WalkStop[]> {
  const ids = rows.map((r) => r.id);
  const [points, photos] = await Promise.all([walks.pointsOf(db, 'walk_stop', ids), walks.listPhotos(db, ids)]);
  return rows.map((row) =>
    toStop(
      row,
      points.filter((p) => p.origin_id === row.id),
      photos.filter((p) => p.stop_id === row.id),
    ),
  );
}

export async function getWalk(db: Kysely<Database>, actor: Actor, walkId: string): Promise<WalkDetail> {
  const walk = await walkOrNotFound(db, actor, walkId);
  const [rows, areas] = await Promise.all([walks.listStops(db, walkId), collaborationAreas(db, actor.collaborationId)]);
  const area = walk.area_id ? areas.find((a) => a.id === walk.area_id) : undefined;
  return {
    walk: toWalkSummary(walk),
    stops: await stopsWithDetails(db, rows),
    bounds: area ? area.bbox : unionBbox(extentOf(areas)),
    maxDistanceMetres: STOP_MAX_DISTANCE_M,
  };
}

function stopConflict(): HttpError {
  return new HttpError(
    409,
    'STOP_CONFLICT',
    'A different stop is already stored under this id. Recorded stops are not overwritten; delete it first to record it again.',
  );
}

/**
 * Stores a stop exactly once: the first upload of a client id creates it (created: true); the
 * same content again answers with the stored stop (created: false), so a phone that syncs twice
 * stores once; other content under the same id is refused (409).
 */
export async function putStop(
  db: Kysely<Database>,
  actor: Actor,
  walkId: string,
  clientId: string,
  body: PutStopBody,
): Promise<{ stop: WalkStop; created: boolean }> {
  const walk = await walkOrNotFound(db, actor, walkId);
  const normalized = normalizeStop(body);
  const hash = createHash('sha256').update(canonical(normalized)).digest('base64url');
  const replay = async (row: StopRow) => {
    if (row.body_hash !== hash) throw stopConflict();
    return { stop: (await stopsWithDetails(db, [row]))[0]!, created: false };
  };
  const existing = await walks.findStop(db, walkId, clientId);
  if (existing) return replay(existing);

  const areas = await collaborationAreas(db, actor.collaborationId);
  checkStopLocation(walk, areas, body.lat, body.lon);
  const [x, y] = wgs84ToSweref(body.lat, body.lon);
  const created = await db.transaction().execute(async (trx) => {
    const id = await walks.insertStopOnce(trx, {
      walk_id: walkId,
      client_id: clientId,
      body_hash: hash,
      lat: body.lat,
      lon: body.lon,
      x,
      y,
      ...normalized.ratings,
      notes: normalized.notes,
      action_text: normalized.action?.text ?? null,
      action_owner: normalized.action?.owner ?? null,
      action_owner_name: normalized.action?.ownerName ?? null,
      recorded_at: normalized.recordedAt,
      created_by: actor.userId,
    });
    if (!id) return false; // the same id arrived twice at once: the other one stored it
    await syncStopPoints(trx, actor.collaborationId, walk, { id, lat: body.lat, lon: body.lon, x, y, recorded_at: normalized.recordedAt ? new Date(normalized.recordedAt) : null, ...normalized.ratings }, areas);
    return true;
  });
  const row = await stopOrNotFound(db, walkId, clientId);
  if (!created) return replay(row);
  return { stop: (await stopsWithDetails(db, [row]))[0]!, created: true };
}

export async function updateStopAction(db: Kysely<Database>, actor: Actor, walkId: string, clientId: string, status: ActionStatus): Promise<WalkStop> {
  await walkOrNotFound(db, actor, walkId);
  const stop = await stopOrNotFound(db, walkId, clientId);
  if (!stop.action_text) {
    throw new HttpError(409, 'NO_ACTION', 'the stop has no suggested action', { details: [{ path: 'body.actionStatus', message: 'no action to decide on' }] });
  }
  await walks.updateStopAction(db, stop.id, status);
  return (await stopsWithDetails(db, [await stopOrNotFound(db, walkId, clientId)]))[0]!;
}

export async function deleteStop(db: Kysely<Database>, actor: Actor, walkId: string, clientId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await walkOrNotFound(trx, actor, walkId);
    const stop = await stopOrNotFound(trx, walkId, clientId);
    await walks.deleteStop(trx, stop.id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'walk.stop_delete',
      targetType: 'safety_walk',
      targetId: walkId,
      details: { stop: clientId },
    });
  });
}

/**
 * Stores a photo of a stop once per photo id, with its EXIF/GPS/XMP/IPTC metadata removed
 * (image-metadata.ts) before anything is written.
 */
export async function putPhoto(
  db: Kysely<Database>,
  actor: Actor,
  walkId: string,
  clientId: string,
  photoId: string,
  body: Uint8Array,
): Promise<{ photo: WalkPhoto; created: boolean }> {
  await walkOrNotFound(db, actor, walkId);
  const stop = await stopOrNotFound(db, walkId, clientId);
  let stripped;
  try {
    stripped = stripImageMetadata(body);
  } catch (error) {
    if (error instanceof ImageError) {
      throw new HttpError(error.code === 'NOT_AN_IMAGE' ? 415 : 422, error.code, error.message);
    }
    throw error;
  }
  const sha256 = createHash('sha256').update(stripped.bytes).digest('hex');
  const replay = (row: PhotoRow) => {
    if (row.sha256 !== sha256) {
      throw new HttpError(409, 'PHOTO_CONFLICT', 'A different photo is already stored under this id.');
    }
    return { photo: toPhoto(row), created: false };
  };
  const existing = await walks.findPhoto(db, stop.id, photoId);
  if (existing) return replay(existing);
  if ((await walks.countPhotos(db, stop.id)) >= PHOTOS_PER_STOP_MAX) {
    throw new HttpError(422, 'TOO_MANY_PHOTOS', `A stop takes at most ${PHOTOS_PER_STOP_MAX} photos.`);
  }
  const inserted = await walks.insertPhotoOnce(db, {
    stopId: stop.id,
    clientId: photoId,
    contentType: stripped.contentType,
    bytes: stripped.bytes,
    sha256,
    width: stripped.width,
    height: stripped.height,
  });
  const row = await walks.findPhoto(db, stop.id, photoId);
  if (!row) throw new Error('photo vanished after insert');
  if (!inserted) return replay(row);
  return { photo: { ...toPhoto(row), removed: stripped.removed }, created: true };
}

export async function getPhoto(db: Kysely<Database>, actor: Actor, walkId: string, clientId: string, photoId: string) {
  await walkOrNotFound(db, actor, walkId);
  const stop = await stopOrNotFound(db, walkId, clientId);
  const photo = await walks.photoBytes(db, stop.id, photoId);
  if (!photo) throw new HttpError(404, 'PHOTO_NOT_FOUND', 'the stop has no photo with this id');
  const bytes = Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength);
  return { contentType: photo.content_type, bytes };
}

export async function listActions(db: Kysely<Database>, actor: Actor, status: ActionStatus): Promise<WalkAction[]> {
  const [rows, areas] = await Promise.all([walks.listActions(db, actor.collaborationId, status), collaborationAreas(db, actor.collaborationId)]);
  const names = new Map(areas.map((a) => [a.id, a.name]));
  return rows.map((row) => {
    const areaId = districtOf(areas, row.lat, row.lon);
    return {
      walkId: row.walk_id,
      walkTitle: row.walk_title,
      walkedOn: row.walked_on,
      light: row.light,
      stopClientId: row.client_id,
      lat: row.lat,
      lon: row.lon,
      areaId,
      areaName: areaId ? (names.get(areaId) ?? null) : null,
      text: row.action_text!,
      owner: row.action_owner!,
      ownerName: row.action_owner_name,
      status: row.action_status,
      categories: walkStopCategories(ratingsOf(row as unknown as StopRow)),
    };
  });
}

/** The walk protocol as a Word document; every export is audit-logged (ids and counts only). */
export async function exportWalk(db: Kysely<Database>, actor: Actor, walkId: string): Promise<{ bytes: Buffer; fileName: string }> {
  const detail = await getWalk(db, actor, walkId);
  const [photos, areas, collaboration] = await Promise.all([
    walks.walkPhotoBytes(db, walkId),
    collaborationAreas(db, actor.collaborationId),
    walks.collaborationName(db, actor.collaborationId),
  ]);
  const names = new Map(areas.map((a) => [a.id, a.name]));
  const districts = new Map<string, string>();
  for (const stop of detail.stops) {
    const id = districtOf(areas, stop.lat, stop.lon);
    if (id) districts.set(stop.clientId, names.get(id)!);
  }
  const bytes = await walkProtocolDocx({
    collaborationName: collaboration,
    walk: detail.walk,
    stops: detail.stops,
    districts,
    photos: photos.map((p) => ({ stopClientId: p.stop_client_id, contentType: p.content_type, bytes: p.bytes, width: p.width, height: p.height })),
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
