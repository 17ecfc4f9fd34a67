import { must, type ImportOptions, type MappingField } from '@lagesbild/shared';
import { parseDecimal } from './coordinates';
import { parseDateTime, parseTimeOfDay } from './dates';

/**
 * Suggests which column holds what, from the header names Swedish systems use (and English ones),
 * then from the values of the first rows for coordinates. Only unambiguous id names are suggested:
 * a running number per sheet ("Nr") would make next week's rows look like this week's.
 */
function key(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-.()/:]+/g, '');
}

const NAMES: Record<MappingField, string[]> = {
  latField: ['lat', 'latitud', 'latitude', 'breddgrad', 'wgs84lat', 'latwgs84', 'latitudwgs84'],
  lonField: ['lon', 'lng', 'long', 'longitud', 'longitude', 'längdgrad', 'wgs84lon', 'lonwgs84', 'longitudwgs84'],
  northingField: [
    'n',
    'northing',
    'nord',
    'nordkoordinat',
    'x',
    'xkoord',
    'xkoordinat',
    'swerefn',
    'sweref99n',
    'sweref99tmn',
    'rt90x',
    'ykoordinatnord',
  ],
  eastingField: ['e', 'easting', 'öst', 'ost', 'östkoordinat', 'y', 'ykoord', 'ykoordinat', 'swerefe', 'sweref99e', 'sweref99tme', 'rt90y'],
  typeField: [
    'typ',
    'type',
    'kategori',
    'category',
    'händelse',
    'händelsetyp',
    'ärendetyp',
    'brottstyp',
    'incidenttyp',
    'rapporttyp',
    'art',
    'avvikelse',
    'händelsekategori',
    'servicename',
    'ärendekategori',
  ],
  dateField: [
    'datum',
    'date',
    'tidpunkt',
    'datetime',
    'datumtid',
    'datumochtid',
    'händelsedatum',
    'inträffad',
    'inträffade',
    'inträffaddatum',
    'tidsstämpel',
    'timestamp',
    'occurred',
    'occurredat',
    'rapportdatum',
    'requesteddatetime',
    'datumkl',
  ],
  timeField: ['tid', 'klockslag', 'kl', 'klockan', 'time', 'händelsetid', 'tidpunktkl'],
  idField: ['id', 'ärendenummer', 'ärendenr', 'ärendeid', 'rapportid', 'händelseid', 'referensnummer', 'servicerequestid', 'externtid'],
  descriptionField: [
    'beskrivning',
    'description',
    'text',
    'kommentar',
    'kommentarer',
    'notering',
    'anteckning',
    'fritext',
    'händelsebeskrivning',
    'detaljer',
  ],
};

export function findColumn(columns: readonly string[], wanted: string): number {
  const exact = columns.indexOf(wanted);
  if (exact !== -1) return exact;
  const k = key(wanted);
  return columns.findIndex((c) => key(c) === k);
}

function byName(columns: readonly string[], field: MappingField, taken: Set<number>): number {
  const names = NAMES[field];
  for (const name of names) {
    const index = columns.findIndex((c, i) => !taken.has(i) && key(c) === name);
    if (index !== -1) return index;
  }
  return -1;
}

function share(rows: readonly string[][], index: number, test: (value: string) => boolean): number {
  const values = rows.map((r) => r[index] ?? '').filter((v) => v.trim() !== '');
  if (values.length === 0) return 0;
  return values.filter(test).length / values.length;
}

const inRange = (lo: number, hi: number) => (v: string) => {
  const n = parseDecimal(v);
  return n !== undefined && n >= lo && n <= hi;
};

/** Fills the mapping fields `given` leaves open; never overrides what was given. */
export function suggestMapping(columns: readonly string[], rows: readonly string[][], given: ImportOptions): ImportOptions {
  const result: ImportOptions = { ...given };
  const taken = new Set<number>();
  for (const field of Object.keys(NAMES) as MappingField[]) {
    const value = given[field];
    if (value !== undefined) {
      const index = findColumn(columns, value);
      if (index !== -1) taken.add(index);
    }
  }
  const take = (field: MappingField, index: number) => {
    if (index === -1 || result[field] !== undefined) return;
    result[field] = must(columns[index], 'the column');
    taken.add(index);
  };

  const hasPair = (given.latField && given.lonField) || (given.northingField && given.eastingField);
  if (!hasPair) {
    const lat = byName(columns, 'latField', taken);
    const lon = byName(columns, 'lonField', taken);
    if (lat !== -1 && lon !== -1) {
      take('latField', lat);
      take('lonField', lon);
    } else {
      const n = byName(columns, 'northingField', taken);
      const e = byName(columns, 'eastingField', taken);
      if (n !== -1 && e !== -1) {
        take('northingField', n);
        take('eastingField', e);
      } else {
        // By value: columns whose numbers fall in Sweden's latitude and longitude ranges, or metres.
        const free = columns.map((_, i) => i).filter((i) => !taken.has(i));
        const latCol = free.find((i) => share(rows, i, inRange(55, 69.2)) >= 0.9);
        const lonCol = free.find((i) => i !== latCol && share(rows, i, inRange(10.5, 24.5)) >= 0.9);
        const northCol = free.find((i) => share(rows, i, inRange(6_050_000, 7_750_000)) >= 0.9);
        const eastCol = free.find((i) => i !== northCol && share(rows, i, inRange(200_000, 1_950_000)) >= 0.9);
        if (latCol !== undefined && lonCol !== undefined) {
          take('latField', latCol);
          take('lonField', lonCol);
        } else if (northCol !== undefined && eastCol !== undefined) {
          take('northingField', northCol);
          take('eastingField', eastCol);
        }
      }
    }
  }
  if (!given.dateField) {
    const date = byName(columns, 'dateField', taken);
    if (date !== -1) take('dateField', date);
  }
  if (!given.timeField) {
    const time = byName(columns, 'timeField', taken);
    if (time !== -1) {
      const looksLikeDates = share(rows, time, (v) => typeof parseDateTime(v) === 'object') >= 0.8;
      if (!result.dateField && looksLikeDates) take('dateField', time);
      else if (result.dateField && share(rows, time, (v) => typeof parseTimeOfDay(v) === 'object') >= 0.8) take('timeField', time);
    }
  }
  if (!result.dateField) {
    // A column whose values read as dates.
    const index = columns.findIndex((_, i) => !taken.has(i) && share(rows, i, (v) => typeof parseDateTime(v) === 'object') >= 0.9);
    take('dateField', index);
  }
  for (const field of ['typeField', 'idField', 'descriptionField'] as const) {
    if (!given[field]) take(field, byName(columns, field, taken));
  }
  return result;
}

/** Which required fields a CSV/GeoJSON mapping still lacks. */
export function missingFields(options: ImportOptions, format: 'csv' | 'geojson'): MappingField[] {
  const missing: MappingField[] = [];
  const { latField, lonField, northingField, eastingField } = options;
  if (format === 'csv' && !(latField && lonField) && !(northingField && eastingField)) {
    if ((northingField || eastingField) && !(latField || lonField)) {
      if (!northingField) missing.push('northingField');
      if (!eastingField) missing.push('eastingField');
    } else {
      if (!latField) missing.push('latField');
      if (!lonField) missing.push('lonField');
    }
  }
  if (!options.dateField) missing.push('dateField');
  return missing;
}
