import {
  safetyParameters,
  walkStopCategories,
  type PutStopBody,
  type StopRatings,
  type WalkPhoto,
  type WalkStop,
  type WalkSummary,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as pointStore from '../points/point-service';
import * as walks from './walk-repository';
import type { StopRow, WalkRow } from './walk-repository';

/** How stored walks, stops and photos are shown through the API. */

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function ratingsOf(row: StopRow | PutStopBody['ratings']): StopRatings {
  const source = row as Record<string, number | null | undefined>;
  return Object.fromEntries(safetyParameters.map((p) => [p, source[p] ?? null])) as StopRatings;
}

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

export type PhotoRow = Awaited<ReturnType<typeof walks.listPhotos>>[number];

export function toPhoto(row: PhotoRow): WalkPhoto {
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

export async function stopsWithDetails(db: Kysely<Database>, rows: StopRow[]): Promise<WalkStop[]> {
  const ids = rows.map((r) => r.id);
  const [points, photos] = await Promise.all([pointStore.pointsOf(db, 'walk_stop', ids), walks.listPhotos(db, ids)]);
  return rows.map((row) =>
    toStop(
      row,
      points.filter((p) => p.origin_id === row.id),
      photos.filter((p) => p.stop_id === row.id),
    ),
  );
}
