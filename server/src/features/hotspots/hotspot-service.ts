import {
  must,
  categoryCodes,
  pointSources,
  swerefToWgs84,
  timeBands,
  wgs84ToSweref,
  type CellDetail,
  type CurrentUser,
  type HotspotCellQuery,
  type HotspotCompareQuery,
  type HotspotExportQuery,
  type HotspotPointsQuery,
  type HotspotQuery,
  type MapConfig,
} from '@lagesbild/shared';
import {
  UNKNOWN_BAND,
  filterPoints,
  parseCellId,
  polygonSet,
  type HotspotMeasure,
  type StudyAreaNarrowing,
} from '@lagesbild/shared/hotspot/index';
import { stockholmWeekday } from '@lagesbild/shared/time/stockholm';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LRUCache } from 'lru-cache';
import { recordAudit } from '../audit/audit-repository';
import { HttpError } from '../../plugins/errors';
import type { Job, StudyAreaSpec, Viewer } from './hotspot-compute';
import type { AnswerContext, CachedAnswer } from './hotspot-engine-plugin';
import { viewerFilter } from './hotspot-disclosure';
import { parseComparison, parseFilter, type ParsedFilter } from './hotspot-params';
import { placeMarkers } from '../places/place-service';
import { cellRowsToColumns, pointsInCell } from '../points/point-service';
import { pointsBox } from './hotspot-points';
import { collaborationState, type CollaborationData } from './hotspot-repository';

export interface Answer {
  answer: CachedAnswer;
  hit: boolean;
}

function viewerOf(user: CurrentUser, threshold: number): Viewer {
  return { restricted: user.agency.kind !== 'police', threshold };
}

/** The collaboration's points and areas for its current data version, loaded once per version. */
async function currentData(app: FastifyInstance, collaborationId: string): Promise<{ data: CollaborationData; threshold: number }> {
  const state = await collaborationState(app.db, collaborationId);
  const data = await app.hotspots.data.forceFetch(`${collaborationId}|${state.version}`, { context: collaborationId });
  return { data, threshold: state.disclosure_threshold };
}

/**
 * The study area: the chosen areas; else the collaboration's boundary (areas of kind
 * 'boundary'); else the bounding box of all its areas; else of its points.
 */
function studyArea(data: CollaborationData, areaIds: string[], viewer: Viewer): StudyAreaSpec {
  if (areaIds.length > 0) {
    const chosen = areaIds.map((id) => {
      const area = data.areas.find((a) => a.id === id);
      if (!area) {
        throw new HttpError(400, 'UNKNOWN_AREA', `querystring.areas has "${id}", which is not an area of this collaboration`, {
          details: [{ path: 'querystring.areas', message: `unknown area ${id}` }],
        });
      }
      return area;
    });
    return spec(
      'areas',
      chosen.map((a) => a.name),
      chosen.flatMap((a) => a.polygons),
    );
  }
  const boundary = data.areas.filter((a) => a.kind === 'boundary');
  if (boundary.length > 0)
    return spec(
      'boundary',
      boundary.map((a) => a.name),
      boundary.flatMap((a) => a.polygons),
    );
  if (data.areas.length > 0) {
    const box = polygonSet(data.areas.flatMap((a) => a.polygons)).bbox;
    if (box) return { kind: 'areas-bbox', names: data.areas.map((a) => a.name), polygons: [], bbox: [...box] };
  }
  return pointsBox(data, viewer);
}

function spec(kind: StudyAreaSpec['kind'], names: string[], polygons: StudyAreaSpec['polygons']): StudyAreaSpec {
  const box = polygonSet(polygons).bbox;
  if (!box) throw new HttpError(422, 'BAD_AREA', 'the study area has no usable polygon');
  return { kind, names, polygons, bbox: [...box] };
}

/** The cached answer for `key`, or a new one from `makeJob`. */
async function cached(
  app: FastifyInstance,
  user: CurrentUser,
  kind: string,
  request: unknown,
  makeJob: (data: CollaborationData, viewer: Viewer) => Omit<Job, 'namedPlaces'>,
): Promise<Answer> {
  const [{ data, threshold }, markers] = await Promise.all([
    currentData(app, user.collaboration.id),
    placeMarkers(app.db, user.collaboration.id),
  ]);
  const viewer = viewerOf(user, threshold);
  // Check the request against the data before caching (unknown areas are 400s, not cache entries).
  const namedPlaces = markers.map((p) => {
    const [x, y] = wgs84ToSweref(p.lat, p.lon);
    return { name: p.name, x, y };
  });
  const job = { ...makeJob(data, viewer), namedPlaces } as Job;
  // Named places are not part of the data version (they name places, they count nothing): their digest is in the key.
  const places = createHash('sha1').update(JSON.stringify(markers)).digest('base64url');
  const key = [
    user.collaboration.id,
    data.version,
    places,
    viewer.restricted ? 'restricted' : 'police',
    threshold,
    kind,
    JSON.stringify(request),
  ].join('|');
  // A request that joins a computation under way shares its job, so it counts as a hit.
  const status: LRUCache.Status<string, CachedAnswer, AnswerContext> = {};
  try {
    const answer = await app.hotspots.answers.forceFetch(key, { context: { job }, status });
    return { answer, hit: status.fetch !== 'miss' };
  } catch (error) {
    // The engine's RangeErrors (e.g. a grid too large for its cell size) are the caller's 400s.
    if (error instanceof Error && error.name === 'RangeError') {
      throw new HttpError(400, 'BAD_PARAMETERS', error.message);
    }
    throw error;
  }
}

/** Named areas other than the boundary (one polygon each: a MultiPolygon area is split into its parts). */
function districtsOf(data: CollaborationData) {
  return data.areas.filter((a) => a.kind !== 'boundary').flatMap((a) => a.polygons.map((polygon) => ({ name: a.name, polygon })));
}

/** Rate mode and the populated study area need the residents grid: without one they are 422s. */
function analysisMode(data: CollaborationData, query: { measure?: HotspotMeasure; studyArea?: 'all' | 'populated' }) {
  const measure = query.measure ?? 'count';
  const narrowTo: StudyAreaNarrowing = measure === 'rate' || query.studyArea === 'populated' ? 'populated' : 'none';
  if (narrowTo === 'populated' && !data.population) {
    const field = measure === 'rate' ? 'querystring.measure' : 'querystring.studyArea';
    throw new HttpError(
      422,
      'NO_POPULATION_GRID',
      `${field}: no residents grid has been imported (PUT /api/population-grid with SCB's CSV)`,
      {
        details: [{ path: field, message: 'needs the residents grid' }],
      },
    );
  }
  return { measure, narrowTo };
}

function common(data: CollaborationData, filter: ParsedFilter, viewer: Viewer) {
  return {
    population: data.population,
    measure: 'count' as HotspotMeasure,
    narrowTo: 'none' as StudyAreaNarrowing,
    columns: data.columns,
    filter: filter.engine,
    normalised: filter.normalised,
    studyArea: studyArea(data, filter.normalised.areas, viewer),
    viewer,
    dataVersion: data.version,
    districts: districtsOf(data),
  };
}

export async function hotspotAnswer(app: FastifyInstance, user: CurrentUser, query: HotspotQuery): Promise<Answer> {
  const filter = parseFilter(query);
  const cells = query.cells ?? 'informative';
  const mode = { measure: query.measure ?? 'count', studyArea: query.studyArea ?? 'all' };
  const request = { filter: filter.key, cellSize: query.cellSize ?? null, band: query.band ?? null, cells, ...mode };
  return cached(app, user, 'hotspots', request, (data, viewer) => ({
    kind: 'hotspots',
    ...common(data, filter, viewer),
    ...analysisMode(data, query),
    cellSize: query.cellSize,
    band: query.band,
    cells,
    format: 'geojson',
  }));
}

export async function compareAnswer(app: FastifyInstance, user: CurrentUser, query: HotspotCompareQuery): Promise<Answer> {
  const { a, b, periodA, periodB } = parseComparison(query);
  const request = { a: a.key, b: b.key, cellSize: query.cellSize ?? null, band: query.band ?? null };
  return cached(app, user, 'compare', request, (data, viewer) => ({
    kind: 'compare',
    ...common(data, a, viewer),
    filterB: b.engine,
    periodA,
    periodB,
    cellSize: query.cellSize,
    band: query.band,
  }));
}

export async function pointsAnswer(app: FastifyInstance, user: CurrentUser, query: HotspotPointsQuery): Promise<Answer> {
  // Every source by default: the layers draw felt and reported apart anyway.
  const filter = parseFilter(query, 'querystring', pointSources);
  const limit = query.limit ?? 20_000;
  return cached(app, user, 'points', { filter: filter.key, limit }, (data, viewer) => ({
    kind: 'points',
    ...common(data, filter, viewer),
    limit,
  }));
}

export async function exportAnswer(app: FastifyInstance, user: CurrentUser, query: HotspotExportQuery): Promise<Answer> {
  const filter = parseFilter(query);
  const format = query.format;
  const mode = { measure: query.measure ?? 'count', studyArea: query.studyArea ?? 'all' };
  const request = { filter: filter.key, cellSize: query.cellSize ?? null, band: query.band ?? null, format, ...mode };
  const answer = await cached(app, user, `export-${format}`, request, (data, viewer) => ({
    kind: 'hotspots',
    ...common(data, filter, viewer),
    ...analysisMode(data, query),
    cellSize: query.cellSize,
    band: query.band,
    cells: 'all',
    format,
  }));
  await recordAudit(app.db, {
    collaborationId: user.collaboration.id,
    actorUserId: user.id,
    action: 'hotspots.export',
    details: { format, cells: answer.answer.items, police: user.agency.kind === 'police' },
  });
  return answer;
}

// ---------------------------------------------------------------------------------------
// The cell panel
// ---------------------------------------------------------------------------------------

/**
 * What lies behind one cell under the map's filter. Viewers outside the police get no trace of
 * police-only records, as in the map itself, so the panel's figures add up to the map's cell.
 */
export async function cellDetail(app: FastifyInstance, user: CurrentUser, cell: string, query: HotspotCellQuery): Promise<CellDetail> {
  const parsedCell = parseCellId(cell);
  if (!parsedCell) throw new HttpError(404, 'NOT_FOUND', `no cell ${cell}`);
  const filter = parseFilter(query);
  const { data, threshold } = await currentData(app, user.collaboration.id);
  const viewer = viewerOf(user, threshold);
  const area = studyArea(data, filter.normalised.areas, viewer);
  const [x0, y0, x1, y1] = parsedCell.bounds;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const inBox = cx >= area.bbox[0] && cx <= area.bbox[2] && cy >= area.bbox[1] && cy <= area.bbox[3];
  if (!inBox || (area.polygons.length > 0 && !polygonSet(area.polygons).contains(cx, cy))) {
    throw new HttpError(404, 'NOT_FOUND', `cell ${cell} is outside the study area`);
  }

  const rows = await pointsInCell(app.db, user.collaboration.id, parsedCell.bounds);
  const columns = cellRowsToColumns(rows);
  // Outside the police, police-only records do not exist for this panel (hotspot-disclosure.ts).
  const kept = Array.from(filterPoints(columns, viewerFilter(filter.engine, viewer)).index);
  const rowAt = (i: number) => must(rows[i], 'a record of the cell');
  const policeCount = kept.filter((i) => rowAt(i).police_only).length;

  const bySource = pointSources.map((source) => ({ source, count: kept.filter((i) => rowAt(i).source === source).length }));
  const byCategory = categoryCodes
    .map((category) => ({ category, count: kept.filter((i) => rowAt(i).category === category).length }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
  const counts = timeBands.map(() => [0, 0, 0, 0, 0, 0, 0]);
  const unknownDay = timeBands.map(() => 0);
  let unknownBand = 0;
  const bump = (row: number[] | undefined, at: number) => {
    const cells = must(row, 'a row of the matrix');
    cells[at] = must(cells[at], 'a cell of the matrix') + 1;
  };
  for (const i of kept) {
    const band = must(columns.band[i], 'the time band'); // the stored band, else the one of the local hour
    if (band === UNKNOWN_BAND) {
      unknownBand++;
      continue;
    }
    const t = must(columns.time[i], 'the time');
    if (Number.isNaN(t)) bump(unknownDay, band);
    else bump(counts[band], stockholmWeekday(t));
  }

  const [south, west] = swerefToWgs84(x0, y0);
  const [north, east] = swerefToWgs84(x1, y1);
  const [clat, clon] = swerefToWgs84(cx, cy);
  const district = data.areas.find((a) => a.kind !== 'boundary' && polygonSet(a.polygons).contains(cx, cy));
  const limit = query.limit ?? 200;
  return {
    cell,
    cellSize: parsedCell.cellSize,
    bbox: [west, south, east, north].map((v) => Math.round(v * 1e6) / 1e6),
    centre: [Math.round(clon * 1e6) / 1e6, Math.round(clat * 1e6) / 1e6],
    area: district?.name ?? null,
    total: kept.length,
    bySource,
    byCategory,
    matrix: { bands: [...timeBands], counts, unknownDay, unknownBand },
    policeOnly: { count: viewer.restricted ? null : policeCount, brokenDown: !viewer.restricted },
    records: kept
      .slice(0, limit)
      .map(rowAt)
      .map((r) => ({
        id: r.id,
        source: r.source,
        category: r.category,
        occurredAt: r.occurred_at ? r.occurred_at.toISOString() : null,
        timeBand: r.time_band,
        precision: r.precision,
        policeOnly: r.police_only,
      })),
    recordsTotal: kept.length,
    disclosureThreshold: threshold,
  };
}

// ---------------------------------------------------------------------------------------
// Map configuration
// ---------------------------------------------------------------------------------------

export async function mapConfig(app: FastifyInstance, user: CurrentUser): Promise<MapConfig> {
  const { data, threshold } = await currentData(app, user.collaboration.id);
  const area = studyArea(data, [], viewerOf(user, threshold));
  let bounds: [number, number, number, number] | null = null;
  if (data.areas.length > 0 || data.columns.length > 0) {
    const [minX, minY, maxX, maxY] = area.bbox;
    const corners = [swerefToWgs84(minX, minY), swerefToWgs84(maxX, minY), swerefToWgs84(maxX, maxY), swerefToWgs84(minX, maxY)];
    const lats = corners.map((c) => c[0]);
    const lons = corners.map((c) => c[1]);
    bounds = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)].map((v) => Math.round(v * 1e6) / 1e6) as [
      number,
      number,
      number,
      number,
    ];
  }
  return {
    styleUrl: app.config.mapStyleUrl ?? null,
    bounds,
    areas: {
      type: 'FeatureCollection',
      features: data.areas.map((a) => ({
        type: 'Feature' as const,
        id: a.id,
        geometry: a.geometry,
        properties: { name: a.name, kind: a.kind },
      })),
    },
    disclosureThreshold: threshold,
    police: user.agency.kind === 'police',
  };
}
