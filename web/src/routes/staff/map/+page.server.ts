import { type CellDetail, type CompareCollection, type HotspotCollection, type HotspotMeta, type MapConfig } from '@lagesbild/shared';
import { ApiError, api } from '$lib/server/api';
import { isDefaultList } from './map-defaults';
import type { PageServerLoad } from './$types';

/** What the filter form holds, read from the URL exactly as the form (or a link) sent it. */
export interface MapSelection {
  from: string;
  to: string;
  sources: string[];
  categories: string[];
  times: string[];
  days: string;
  light: string;
  areas: string[];
  cellSize: string;
  band: string;
  compareFrom: string;
  compareTo: string;
}

function listOf(url: URL, key: string): string[] {
  return url.searchParams
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function selectionOf(url: URL): MapSelection {
  const text = (key: string) => url.searchParams.get(key)?.trim() ?? '';
  return {
    from: text('from'),
    to: text('to'),
    sources: listOf(url, 'sources'),
    categories: listOf(url, 'categories'),
    times: listOf(url, 'times'),
    days: text('days') || 'all',
    light: text('light') || 'all',
    areas: listOf(url, 'areas'),
    cellSize: text('cellSize') || 'auto',
    band: text('band'),
    compareFrom: text('compareFrom'),
    compareTo: text('compareTo'),
  };
}

/**
 * The API's filter parameters for a selection: empty fields, "all" and complete lists are left
 * out, so equal selections make equal (cacheable) requests.
 */
function filterParams(s: MapSelection): URLSearchParams {
  const out = new URLSearchParams();
  if (s.from) out.set('from', s.from);
  if (s.to) out.set('to', s.to);
  for (const key of ['sources', 'categories', 'times'] as const) {
    if (!isDefaultList(key, s[key])) for (const v of s[key]) out.append(key, v);
  }
  if (s.days !== 'all') out.set('days', s.days);
  if (s.light !== 'all') out.set('light', s.light);
  for (const id of s.areas) out.append('areas', id);
  if (s.cellSize !== 'auto') out.set('cellSize', s.cellSize);
  // The band kept from an earlier answer (MapFilters), so maps side by side share one scale.
  if (s.band) out.set('band', s.band);
  return out;
}

export const load: PageServerLoad = async ({ fetch, url }) => {
  const selection = selectionOf(url);
  const filter = filterParams(selection);
  const comparing = Boolean(selection.compareFrom || selection.compareTo);
  const compareQuery = new URLSearchParams(filter);
  if (comparing) {
    compareQuery.set('compareFrom', selection.compareFrom);
    compareQuery.set('compareTo', selection.compareTo);
  }
  const config = await api<MapConfig>(fetch, '/api/map-config');

  let meta: Omit<HotspotMeta, 'heat'> | null = null;
  let compare: { meta: CompareCollection['meta']; changed: CompareCollection['features'][number]['properties'][] } | null = null;
  let error: string | null = null;
  try {
    // Meta and the hot-spot areas only: the map itself fetches the cells in the browser.
    const answer = await api<HotspotCollection>(fetch, `/api/hotspots?${filter}${filter.size ? '&' : ''}cells=none`);
    const { heat: _heat, ...rest } = answer.meta;
    meta = rest;
    if (comparing) {
      const fc = await api<CompareCollection>(fetch, `/api/hotspots/compare?${compareQuery}`);
      const changed = fc.features
        .map((f) => f.properties)
        .filter((p) => p.change !== 0)
        .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || (b.countB ?? 0) - (a.countB ?? 0))
        .slice(0, 50);
      compare = { meta: fc.meta, changed };
    }
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    error = e.body.message;
  }

  // The records behind the map need the filter only: the cell panel and the points layer take no scale.
  const records = new URLSearchParams(filter);
  records.delete('cellSize');
  records.delete('band');
  let cell: CellDetail | null = null;
  const cellId = url.searchParams.get('cell');
  if (cellId && !error) {
    try {
      cell = await api<CellDetail>(fetch, `/api/hotspots/cells/${encodeURIComponent(cellId)}?${records}`);
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 400)) throw e;
    }
  }

  return {
    config,
    selection,
    meta,
    compare,
    cell,
    error,
    /** API query strings for the browser: the cells, the comparison and the points layer. */
    query: filter.toString(),
    recordsQuery: records.toString(),
    compareQuery: comparing && !error ? compareQuery.toString() : null,
  };
};
