/**
 * The heavy part of the hot-spot map, pure and synchronous: a job names the point columns, the
 * filter, the study area and the viewer, and runJob writes the answer (GeoJSON or CSV cells, the
 * period comparison, the raw points layer) and its gzip. The worker thread runs it
 * (hotspot-worker.ts); the inline fallback calls it directly. The steps live beside this file:
 * hotspot-analysis (filter → engine → tallies), hotspot-geojson, hotspot-csv, hotspot-compare,
 * hotspot-points.
 */
import { gzipSync } from 'node:zlib';
import type { NormalisedFilter } from '@lagesbild/shared';
import type {
  HotspotMeasure,
  MetricPolygon,
  PointColumns,
  PointFilter,
  PopulationGrid,
  StudyAreaNarrowing,
} from '@lagesbild/shared/hotspot/index';
import { compare } from './hotspot-compare';
import { hotspotCsv } from './hotspot-csv';
import { hotspotGeoJson } from './hotspot-geojson';
import { analyse } from './hotspot-analysis';
import { pointsLayer } from './hotspot-points';

export interface StudyAreaSpec {
  kind: 'boundary' | 'areas' | 'areas-bbox' | 'points-bbox';
  names: string[];
  /** Polygons in SWEREF 99 TM metres; empty for the bbox kinds. */
  polygons: MetricPolygon[];
  /** [minX, minY, maxX, maxY] in metres. */
  bbox: [number, number, number, number];
}

export interface Viewer {
  /** Not police staff: police-only records are left out of everything (hotspot-disclosure.ts). */
  restricted: boolean;
  threshold: number;
}

export interface JobBase {
  columns: PointColumns;
  filter: PointFilter;
  normalised: NormalisedFilter;
  studyArea: StudyAreaSpec;
  viewer: Viewer;
  dataVersion: string;
  /** Named areas (districts): the CSV's area column and the places' names. */
  districts: { name: string; polygon: MetricPolygon }[];
  /** Named places (SWEREF 99 TM metres): a hot place takes the name of the nearest. */
  namedPlaces: { name: string; x: number; y: number }[];
  /** Residents per grid square (null: none imported), and what the analysis compares against. */
  population: PopulationGrid | null;
  measure: HotspotMeasure;
  narrowTo: StudyAreaNarrowing;
}

export interface HotspotJob extends JobBase {
  kind: 'hotspots';
  cellSize?: number;
  band?: number;
  cells: 'informative' | 'all' | 'significant' | 'none';
  format: 'geojson' | 'csv';
}

export interface CompareJob extends JobBase {
  kind: 'compare';
  filterB: PointFilter;
  periodA: { from: string; to: string };
  periodB: { from: string; to: string };
  cellSize?: number;
  band?: number;
}

export interface PointsJob extends JobBase {
  kind: 'points';
  limit: number;
}

export type Job = HotspotJob | CompareJob | PointsJob;

export interface JobResult {
  body: string;
  /**
   * The body gzipped, when big. zlib's default level 6: these answers are made once and then
   * served from the cache, and it makes the demo's default map 115 KB instead of level 1's 162 KB
   * for some 50 ms more, once.
   */
  gzip: Uint8Array | undefined;
  /** Cells or points written. */
  items: number;
}

/** Answers from this size on are also kept gzipped. */
export const GZIP_FROM = 32 * 1024;

function answer(job: Job): { body: string; items: number } {
  const started = performance.now();
  if (job.kind === 'points') return pointsLayer(job);
  if (job.kind === 'compare') return compare(job, started);
  const analysis = analyse(job, job.filter, { cellSize: job.cellSize, band: job.band });
  return job.format === 'csv' ? hotspotCsv(job, analysis) : hotspotGeoJson(job, analysis, started);
}

export function runJob(job: Job): JobResult {
  const { body, items } = answer(job);
  const gzip = body.length >= GZIP_FROM ? new Uint8Array(gzipSync(body, { level: 6 })) : undefined;
  return { body, gzip, items };
}
