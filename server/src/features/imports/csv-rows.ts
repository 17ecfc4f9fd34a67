import { must, type ImportOptions } from '@lagesbild/shared';
import type { ImportStats } from './import-stats';
import {
  MAX_DESCRIPTION,
  MAX_ID,
  MAX_TYPE,
  clean,
  coordinates,
  dateTime,
  finish,
  number,
  withTime,
  type PointContext,
  type PreparedPoint,
} from './rows';
import { findColumn } from './suggest-mapping';

export interface CsvLayout {
  columns: string[];
  first: { index: number; name: string };
  second: { index: number; name: string };
  order: 'latlon' | 'northing-easting';
  date: { index: number; name: string };
  time?: { index: number; name: string };
  type?: { index: number; name: string };
  id?: { index: number; name: string };
  description?: { index: number; name: string };
}

/** Column positions for a mapping; a named column that the header lacks is an error for the file. */
export function csvLayout(columns: string[], options: ImportOptions): CsvLayout | { unknown: string[]; missing: string[] } {
  const unknown: string[] = [];
  const find = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const index = findColumn(columns, name);
    if (index === -1) {
      unknown.push(name);
      return undefined;
    }
    return { index, name: must(columns[index], 'the column found') };
  };
  const lat = find(options.latField);
  const lon = find(options.lonField);
  const northing = find(options.northingField);
  const easting = find(options.eastingField);
  const date = find(options.dateField);
  const layout = {
    time: find(options.timeField),
    type: find(options.typeField),
    id: find(options.idField),
    description: find(options.descriptionField),
  };
  const missing: string[] = [];
  const pair =
    lat && lon
      ? { first: lat, second: lon, order: 'latlon' as const }
      : northing && easting
        ? { first: northing, second: easting, order: 'northing-easting' as const }
        : undefined;
  if (!pair && unknown.length === 0) missing.push('latField/lonField or northingField/eastingField');
  if (!date && unknown.length === 0) missing.push('dateField');
  if (unknown.length > 0 || !pair || !date) return { unknown, missing };
  return { columns, ...pair, date, ...Object.fromEntries(Object.entries(layout).filter(([, v]) => v !== undefined)) };
}

export function csvPoint(ctx: PointContext, stats: ImportStats, layout: CsvLayout, fields: string[]): PreparedPoint | null {
  const cell = (c: { index: number } | undefined) => (c ? fields[c.index] : undefined);
  const first = number(cell(layout.first), layout.first.name);
  const second = number(cell(layout.second), layout.second.name);
  const place = coordinates(first, second, layout.order, ctx.options.crs ?? 'auto', `${layout.first.name}, ${layout.second.name}`);
  let when = dateTime(cell(layout.date), layout.date.name);
  if (layout.time) when = withTime(when, cell(layout.time), layout.time.name);
  return finish(ctx, stats, {
    type: clean(cell(layout.type), MAX_TYPE),
    id: clean(cell(layout.id), MAX_ID),
    when,
    publishedMs: null,
    place,
    placeColumns: `${layout.first.name}, ${layout.second.name}`,
    precision: 'exact',
    description: clean(cell(layout.description), MAX_DESCRIPTION),
  });
}
