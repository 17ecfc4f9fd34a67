import {
  must,
  isInSweden,
  pointInGeometry,
  wgs84ToSweref,
  type CategoryCode,
  type CreateConcernBody,
  type CreateMeetingBody,
  type DialogueConcern,
  type MeetingDetail,
  type MeetingList,
  type MeetingSummary,
  type UpdateConcernBody,
  type UpdateMeetingBody,
} from '@lagesbild/shared';
import { stockholmDayAtHour } from '@lagesbild/shared/time/stockholm';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { centreOf, districtOf, extentOf, unionBbox, type AreaRecord } from '../areas/area-geometry';
import { areaShapes } from '../areas/area-service';
import * as pointStore from '../points/point-service';
import * as dialogues from './dialogue-repository';
import type { ConcernRow, MeetingRow } from './dialogue-repository';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const blankToNull = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

function toMeeting(row: MeetingRow): MeetingSummary {
  return {
    id: row.id,
    heldOn: row.held_on,
    place: row.place,
    areaId: row.area_id,
    areaName: row.area_name,
    audience: row.audience,
    present: row.present,
    notes: row.notes,
    concerns: row.concerns,
    mentions: row.mentions,
    createdBy: row.created_by_name,
    createdAt: iso(row.created_at),
  };
}

/** The concerns as the API shows them, each with the id of its point in the point store. */
async function toConcerns(db: Kysely<Database>, rows: ConcernRow[]): Promise<DialogueConcern[]> {
  const points = await pointStore.pointsOf(
    db,
    'dialogue',
    rows.map((r) => r.id),
  );
  const pointIds = new Map(points.map((p) => [p.origin_id, p.id]));
  return rows.map((row) => toConcern(row, pointIds.get(row.id) ?? null));
}

function toConcern(row: ConcernRow, pointId: string | null): DialogueConcern {
  return {
    id: row.id,
    text: row.text,
    category: row.category,
    mentions: row.mentions,
    lat: row.lat,
    lon: row.lon,
    areaId: row.area_id,
    areaName: row.area_name,
    precision: row.lat !== null ? 'exact' : 'area',
    pointId,
    createdAt: iso(row.created_at),
  };
}

const areaOptions = (areas: readonly AreaRecord[]) => areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind }));

async function meetingOrNotFound(db: Kysely<Database>, actor: Actor, meetingId: string): Promise<MeetingRow> {
  const row = await dialogues.findMeeting(db, actor.collaborationId, meetingId);
  if (!row) throw new HttpError(404, 'MEETING_NOT_FOUND', 'no such dialogue meeting in your collaboration');
  return row;
}

async function concernOrNotFound(db: Kysely<Database>, meetingId: string, concernId: string): Promise<ConcernRow> {
  const row = await dialogues.findConcern(db, meetingId, concernId);
  if (!row) throw new HttpError(404, 'CONCERN_NOT_FOUND', 'the meeting has no such concern');
  return row;
}

async function shownConcern(db: Kysely<Database>, meetingId: string, concernId: string): Promise<DialogueConcern> {
  const [concern] = await toConcerns(db, [await concernOrNotFound(db, meetingId, concernId)]);
  return must(concern, 'the concern');
}

function checkArea(areas: readonly AreaRecord[], areaId: string | null | undefined): void {
  if (areaId && !areas.some((a) => a.id === areaId)) {
    throw new HttpError(422, 'UNKNOWN_AREA', 'the area is not one of your collaboration’s areas', {
      details: [{ path: 'body.areaId', message: 'unknown area' }],
    });
  }
}

export async function listMeetings(db: Kysely<Database>, actor: Actor): Promise<MeetingList> {
  const [rows, areas] = await Promise.all([dialogues.listMeetings(db, actor.collaborationId), areaShapes(db, actor.collaborationId)]);
  return { meetings: rows.map(toMeeting), areas: areaOptions(areas) };
}

export async function getMeeting(db: Kysely<Database>, actor: Actor, meetingId: string): Promise<MeetingDetail> {
  const meeting = await meetingOrNotFound(db, actor, meetingId);
  const [concerns, areas] = await Promise.all([dialogues.listConcerns(db, meetingId), areaShapes(db, actor.collaborationId)]);
  return {
    meeting: toMeeting(meeting),
    concerns: await toConcerns(db, concerns),
    areas: areaOptions(areas),
    bounds: unionBbox(extentOf(areas)),
  };
}

export async function createMeeting(db: Kysely<Database>, actor: Actor, body: CreateMeetingBody): Promise<MeetingSummary> {
  return db.transaction().execute(async (trx) => {
    checkArea(await areaShapes(trx, actor.collaborationId), body.areaId);
    const id = await dialogues.insertMeeting(trx, {
      collaboration_id: actor.collaborationId,
      held_on: body.heldOn,
      place: body.place.trim(),
      area_id: body.areaId ?? null,
      audience: body.audience,
      present: body.present,
      notes: blankToNull(body.notes),
      created_by: actor.userId,
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'dialogue.create',
      targetType: 'dialogue_meeting',
      targetId: id,
      details: { audience: body.audience, present: body.present },
    });
    return toMeeting(await meetingOrNotFound(trx, actor, id));
  });
}

export async function updateMeeting(
  db: Kysely<Database>,
  actor: Actor,
  meetingId: string,
  body: UpdateMeetingBody,
): Promise<MeetingSummary> {
  return db.transaction().execute(async (trx) => {
    const before = await meetingOrNotFound(trx, actor, meetingId);
    const areas = await areaShapes(trx, actor.collaborationId);
    checkArea(areas, body.areaId);
    await dialogues.updateMeeting(trx, meetingId, {
      ...(body.heldOn !== undefined ? { held_on: body.heldOn } : {}),
      ...(body.place !== undefined ? { place: body.place.trim() } : {}),
      ...(body.areaId !== undefined ? { area_id: body.areaId } : {}),
      ...(body.audience !== undefined ? { audience: body.audience } : {}),
      ...(body.present !== undefined ? { present: body.present } : {}),
      ...(body.notes !== undefined ? { notes: blankToNull(body.notes) } : {}),
    });
    const after = await meetingOrNotFound(trx, actor, meetingId);
    // The date dates the concerns' points; the meeting's area places those without a place of their own.
    if (after.held_on !== before.held_on || after.area_id !== before.area_id) {
      for (const concern of await dialogues.listConcerns(trx, meetingId))
        await syncConcernPoint(trx, actor.collaborationId, after, concern, areas);
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'dialogue.update',
      targetType: 'dialogue_meeting',
      targetId: meetingId,
      details: { fields: Object.keys(body).sort().join(',') },
    });
    return toMeeting(after);
  });
}

export async function deleteMeeting(db: Kysely<Database>, actor: Actor, meetingId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const meeting = await meetingOrNotFound(trx, actor, meetingId);
    await dialogues.deleteMeeting(trx, meetingId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'dialogue.delete',
      targetType: 'dialogue_meeting',
      targetId: meetingId,
      details: { concerns: meeting.concerns, mentions: meeting.mentions },
    });
  });
}

/** A concern's own place must lie in Sweden and inside the collaboration's outline. */
function checkPlace(areas: readonly AreaRecord[], lat: number, lon: number): void {
  const details = [
    { path: 'body.lat', message: 'outside the collaboration' },
    { path: 'body.lon', message: 'outside the collaboration' },
  ];
  const extent = extentOf(areas);
  if (!isInSweden(lat, lon) || (extent.length > 0 && !extent.some((a) => pointInGeometry(lon, lat, a.geometry)))) {
    throw new HttpError(422, 'PLACE_OUTSIDE', "The place lies outside the collaboration's boundary: check it on the map.", { details });
  }
}

interface ConcernPlace {
  lat: number;
  lon: number;
  precision: 'exact' | 'area';
  areaId: string | null;
}

/**
 * Where the concern's point goes: its own place (exact); else the centre of its area, of the
 * meeting's area, or of the collaboration's boundary (precision "area": such points count in
 * area figures and the problem picture, never in the hot-spot grid).
 */
function placeOf(
  areas: readonly AreaRecord[],
  meeting: Pick<MeetingRow, 'area_id'>,
  concern: { lat: number | null; lon: number | null; area_id: string | null },
): ConcernPlace {
  if (concern.lat !== null && concern.lon !== null) {
    return {
      lat: concern.lat,
      lon: concern.lon,
      precision: 'exact',
      areaId: concern.area_id ?? districtOf(areas, concern.lat, concern.lon),
    };
  }
  const area =
    areas.find((a) => a.id === concern.area_id) ??
    areas.find((a) => a.id === meeting.area_id) ??
    extentOf(areas).find((a) => a.kind === 'boundary');
  if (area) {
    const [lat, lon] = centreOf(area.geometry);
    return { lat, lon, precision: 'area', areaId: area.id };
  }
  const extent = extentOf(areas);
  if (extent.length === 0) {
    throw new HttpError(
      422,
      'NO_PLACE',
      'Give the concern a place on the map or an area: the collaboration has no boundary to place it in.',
      {
        details: [{ path: 'body.areaId', message: 'a place or an area is required' }],
      },
    );
  }
  const [w, s, e, n] = unionBbox(extent);
  return { lat: (s + n) / 2, lon: (w + e) / 2, precision: 'area', areaId: null };
}

/**
 * Rewrites the concern's one row in the point store: source "dialogue", weight = mentions (how
 * many raised it: mentions, never respondents), dated the meeting's day, internal.
 */
async function syncConcernPoint(
  db: Kysely<Database>,
  collaborationId: string,
  meeting: Pick<MeetingRow, 'area_id' | 'held_on'>,
  concern: { id: string; category: CategoryCode; mentions: number; lat: number | null; lon: number | null; area_id: string | null },
  areas: readonly AreaRecord[],
): Promise<void> {
  await pointStore.deletePointsOf(db, 'dialogue', [concern.id]);
  const place = placeOf(areas, meeting, concern);
  const [x, y] = wgs84ToSweref(place.lat, place.lon);
  await pointStore.insertPoints(db, [
    {
      collaboration_id: collaborationId,
      source: 'dialogue',
      category: concern.category,
      occurred_at: new Date(stockholmDayAtHour(meeting.held_on, 12)),
      time_band: null,
      lat: place.lat,
      lon: place.lon,
      x,
      y,
      precision: place.precision,
      area_id: place.areaId,
      classification: 'internal',
      origin_kind: 'dialogue',
      origin_id: concern.id,
      weight: concern.mentions,
    },
  ]);
}

function bothOrNeither(lat: number | null | undefined, lon: number | null | undefined): void {
  if ((lat === undefined || lat === null) !== (lon === undefined || lon === null)) {
    throw new HttpError(422, 'INCOMPLETE_PLACE', 'give both latitude and longitude, or neither', {
      details: [{ path: lat === undefined || lat === null ? 'body.lat' : 'body.lon', message: 'is required with the other coordinate' }],
    });
  }
}

export async function createConcern(
  db: Kysely<Database>,
  actor: Actor,
  meetingId: string,
  body: CreateConcernBody,
): Promise<DialogueConcern> {
  bothOrNeither(body.lat, body.lon);
  return db.transaction().execute(async (trx) => {
    const meeting = await meetingOrNotFound(trx, actor, meetingId);
    const areas = await areaShapes(trx, actor.collaborationId);
    checkArea(areas, body.areaId);
    if (body.lat !== undefined && body.lon !== undefined) checkPlace(areas, body.lat, body.lon);
    const concern = {
      meeting_id: meetingId,
      text: body.text.trim(),
      category: body.category,
      mentions: body.mentions ?? 1,
      lat: body.lat ?? null,
      lon: body.lon ?? null,
      area_id: body.areaId ?? null,
    };
    const id = await dialogues.insertConcern(trx, concern);
    await syncConcernPoint(trx, actor.collaborationId, meeting, { id, ...concern }, areas);
    return shownConcern(trx, meetingId, id);
  });
}

export async function updateConcern(
  db: Kysely<Database>,
  actor: Actor,
  meetingId: string,
  concernId: string,
  body: UpdateConcernBody,
): Promise<DialogueConcern> {
  return db.transaction().execute(async (trx) => {
    const meeting = await meetingOrNotFound(trx, actor, meetingId);
    const before = await concernOrNotFound(trx, meetingId, concernId);
    const areas = await areaShapes(trx, actor.collaborationId);
    checkArea(areas, body.areaId);
    const lat = body.lat !== undefined ? body.lat : before.lat;
    const lon = body.lon !== undefined ? body.lon : before.lon;
    bothOrNeither(lat, lon);
    if (lat !== null && lon !== null && (body.lat !== undefined || body.lon !== undefined)) checkPlace(areas, lat, lon);
    const concern = {
      text: body.text !== undefined ? body.text.trim() : before.text,
      category: body.category ?? before.category,
      mentions: body.mentions ?? before.mentions,
      lat,
      lon,
      area_id: body.areaId !== undefined ? body.areaId : before.area_id,
    };
    await dialogues.updateConcern(trx, concernId, concern);
    await syncConcernPoint(trx, actor.collaborationId, meeting, { id: concernId, ...concern }, areas);
    return shownConcern(trx, meetingId, concernId);
  });
}

export async function deleteConcern(db: Kysely<Database>, actor: Actor, meetingId: string, concernId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await meetingOrNotFound(trx, actor, meetingId);
    const concern = await concernOrNotFound(trx, meetingId, concernId);
    await dialogues.deleteConcern(trx, concernId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'dialogue.concern_delete',
      targetType: 'dialogue_meeting',
      targetId: meetingId,
      details: { concern: concernId, mentions: concern.mentions },
    });
  });
}
