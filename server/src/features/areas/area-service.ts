import type { AreaGeometry } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { AreaKind, Database } from '../../db/schema';
import { extentOf, type AreaRecord } from './area-geometry';
import * as repo from './area-repository';

/**
 * The one way into a collaboration's areas (boundary, districts, DeSO, custom) for every other
 * feature. Each function takes `db` or a transaction, so callers can read areas inside their own.
 */

type Db = Kysely<Database>;
type Bbox = [number, number, number, number];

export type { NewArea, ShapeOrder } from './area-repository';

/** Id, name, kind and population (no geometry), by kind then name: pickers and filters. */
export const listAreas = repo.listAreas;

/** Id, name and kind, the boundary first, then by name: the campaign form's picker. */
export const listAreasBoundaryFirst = repo.listAreasBoundaryFirst;

/** The districts residents can say they live in (the home-area question), by name. */
export const residentialDistricts = repo.listDistricts;

/** Every area but the boundary with its population, by name. */
export const districtPopulations = repo.listDistrictPopulations;

/** Every area with its geometry and bounding box, by name (or by kind then name, or by id). */
export async function areaShapes(db: Db, collaborationId: string, order: repo.ShapeOrder = 'name'): Promise<AreaRecord[]> {
  const rows = await repo.listShapes(db, collaborationId, order);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, geometry: r.geometry as AreaGeometry, bbox: r.bbox as Bbox }));
}

/** The districts points are assigned to: every area but the boundary. */
export async function districtShapes(db: Db, collaborationId: string): Promise<{ id: string; geometry: AreaGeometry; bbox: number[] }[]> {
  const rows = await repo.listDistrictShapes(db, collaborationId);
  return rows.map((r) => ({ id: r.id, geometry: r.geometry as AreaGeometry, bbox: r.bbox }));
}

/** Where answers and named places may lie: the boundary, else the districts (empty: no areas). */
export async function outline(db: Db, collaborationId: string): Promise<AreaGeometry[]> {
  const shapes = await repo.listOutlineShapes(db, collaborationId);
  const boundary = shapes.filter((a) => a.kind === 'boundary');
  return (boundary.length > 0 ? boundary : shapes).map((a) => a.geometry as AreaGeometry);
}

/** The hot-spot study area: the boundary, else every area. */
export async function studyAreas(db: Db, collaborationId: string): Promise<AreaGeometry[]> {
  return extentOf(await areaShapes(db, collaborationId)).map((a) => a.geometry);
}

export async function findArea(db: Db, collaborationId: string, areaId: string) {
  const row = await repo.findArea(db, collaborationId, areaId);
  return row && { ...row, geometry: row.geometry as AreaGeometry };
}

export async function areaExists(db: Db, collaborationId: string, areaId: string): Promise<boolean> {
  return (await repo.findAreaId(db, collaborationId, areaId)) !== undefined;
}

export async function areaIdByName(db: Db, collaborationId: string, name: string): Promise<string | null> {
  return (await repo.findAreaIdByName(db, collaborationId, name))?.id ?? null;
}

/** For each candidate name already used by an area of the kind: whether that area has the same boundary. */
export async function sameNamedAreas(
  db: Db,
  collaborationId: string,
  kind: AreaKind,
  candidates: readonly { name: string; geometry: unknown }[],
): Promise<Map<string, boolean>> {
  if (candidates.length === 0) return new Map();
  const rows = await repo.sameNamedAreas(db, collaborationId, kind, candidates);
  return new Map(rows.map((r) => [r.name, r.same]));
}

/** Adds areas; `importId` ties them to the import whose undo removes them (null: made otherwise). */
export async function insertAreas(db: Db, collaborationId: string, importId: string | null, areas: readonly repo.NewArea[]): Promise<void> {
  if (areas.length > 0) await repo.insertAreas(db, collaborationId, importId, areas);
}

/** Undoes an areas import; returns how many areas went. */
export const deleteAreasOfImport = repo.deleteAreasOfImport;
