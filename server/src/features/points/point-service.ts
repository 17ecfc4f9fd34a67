import { must, categoryCodes, pointSources, timeBandOfHour, timeBands } from '@lagesbild/shared';
import { POLICE_ONLY, UNKNOWN_BAND, allocatePointColumns, type PointColumns } from '@lagesbild/shared/hotspot/index';
import { stockholmHour } from '@lagesbild/shared/time/stockholm';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as figures from './point-figures-repository';
import * as store from './point-repository';

/**
 * The one way into the point store (every source's points: survey pins, imports, walk stops,
 * dialogue concerns, demo) for every other feature. Each function takes `db` or a transaction,
 * so callers write and read points inside their own.
 */

type Db = Kysely<Database>;

// ---------------------------------------------------------------------------------------------
// Writes and look-ups by origin
// ---------------------------------------------------------------------------------------------

/** Adds points (a walk stop's categories, a dialogue concern, demo data). */
export const insertPoints = store.insertPoints;

/** Adds one point and answers its id, for the row that links to it (an accepted survey pin). */
export const insertPoint = store.insertPoint;

/**
 * The insert for a writer that puts points in within its own single statement (the survey
 * submission batch): wraps a select yielding the point columns in the documented order.
 */
export const insertPointsFrom = store.insertPointsFrom;

/** Id and category of the points that came from these stops or concerns (or pins, imports). */
export const pointsOf = store.pointsOf;

/** Removes the points that came from these origins (before writing an edited origin's again). */
export const deletePointsOf = store.deletePointsOf;

/** Adds an import's prepared rows (a JSON array text), skipping those already there; answers how many went in. */
export const insertImportedJson = store.insertImportedJson;

/** Removes an import's points (undo); answers how many went. */
export const deletePointsOfImport = store.deletePointsOfImport;

/** Imported types (as spelled) with row counts split by police-only: the category-mapping page. */
export const importedTypeCounts = store.importedTypeCounts;

/** Re-maps imported rows of these spellings to a category; answers the counts changed. */
export const recategoriseImported = store.recategoriseImported;

/** A page of the collaboration's points by id, and the write of their new areas: re-assignment after an areas import. */
export const pointPage = store.pointPage;
export const setPointAreas = store.setPointAreas;

// ---------------------------------------------------------------------------------------------
// Figures: the overview and the problem picture
// ---------------------------------------------------------------------------------------------

/** Point counts per source and police-only, in all and in the last 30 days. */
export const pointCounts = figures.pointCounts;

/** Survey pins per area, month of the answer and category, with their respondents (accepted answers only). */
export const pinAtoms = figures.pinAtoms;

/** Reports (weighted: a dialogue concern counts its mentions) per category and source, this period and the one before. */
export const reportCounts = figures.reportCounts;

/** Reports in the period per area. */
export const reportsByArea = figures.reportsByArea;

/** Points with an exact place in the period, moderation applied: the problem picture's and pledge map's hot-spot input. */
export const exactPoints = figures.exactPoints;

// ---------------------------------------------------------------------------------------------
// The hot-spot map
// ---------------------------------------------------------------------------------------------

export type { CellRow } from './point-figures-repository';
export type { ImportTarget } from './point-repository';

const SOURCE_INDEX = new Map<string, number>(pointSources.map((s, i) => [s, i]));
const CATEGORY_INDEX = new Map<string, number>(categoryCodes.map((c, i) => [c, i]));
const BAND_INDEX = new Map<string, number>(timeBands.map((b, i) => [b, i]));

/** Time band index: the stored band, else derived from the local hour of the date. */
function bandIndex(band: string | null, t: number | null): number {
  if (band !== null) return BAND_INDEX.get(band) ?? UNKNOWN_BAND;
  if (t === null) return UNKNOWN_BAND;
  return BAND_INDEX.get(timeBandOfHour(stockholmHour(t))) ?? UNKNOWN_BAND;
}

function toColumns(rows: figures.LeanRow[]): PointColumns {
  const columns = allocatePointColumns(rows.length, true);
  for (const [i, r] of rows.entries()) {
    columns.xy[2 * i] = r.x;
    columns.xy[2 * i + 1] = r.y;
    columns.lat[i] = r.lat;
    columns.lon[i] = r.lon;
    columns.time[i] = r.t ?? Number.NaN;
    columns.source[i] = must(SOURCE_INDEX.get(r.source), `the source ${r.source}`);
    columns.category[i] = must(CATEGORY_INDEX.get(r.category), `the category ${r.category}`);
    columns.band[i] = bandIndex(r.time_band, r.t);
    columns.flags[i] = r.flags;
  }
  return columns;
}

/** Every point of the collaboration that counts (moderation applied) as the hot-spot engine's columns. */
export async function pointColumns(db: Db, collaborationId: string): Promise<PointColumns> {
  return toColumns(await figures.leanPoints(db, collaborationId));
}

/** The points of one grid cell that can enter the grid, with what the cell panel lists; moderation applied. */
export const pointsInCell = figures.pointsInCell;

/** Cell rows as point columns, so the map's own filter decides which of them count. */
export function cellRowsToColumns(rows: figures.CellRow[]): PointColumns {
  return toColumns(
    rows.map((r) => ({
      x: r.x,
      y: r.y,
      lat: r.lat,
      lon: r.lon,
      source: r.source,
      category: r.category,
      time_band: r.time_band,
      t: r.occurred_at ? r.occurred_at.getTime() : null,
      flags: r.police_only ? POLICE_ONLY : 0,
    })),
  );
}
