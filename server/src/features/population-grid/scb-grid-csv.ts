/**
 * SCB's residents per grid square ("befolkning per 1 km- / 250 m-ruta"). A square is named by
 * a 13-digit id joining its south-west corner's SWEREF 99 TM coordinates: the 7-digit northing
 * and the 6-digit easting. SCB has written them in both orders over the years, and Sweden's
 * northings (6.1–7.7 million) and eastings (0.2–0.95 million) cannot be mistaken for each other,
 * so both are read. The files are a header and simple rows (no quoted separators), so a split is
 * enough; a hostile or broken file gets a 422 naming the line.
 */
import { HttpError } from '../../plugins/errors';

export interface GridRow {
  x: number;
  y: number;
  residents: number;
  year: number | null;
}

export interface ParsedGrid {
  size: 250 | 1000;
  rows: GridRow[];
  rowsTotal: number;
  rowsSkipped: number;
}

const NORTHING = [6_100_000, 7_700_000] as const;
const EASTING = [200_000, 950_000] as const;
const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v < hi;

function refused(message: string, line?: number): HttpError {
  return new HttpError(422, 'BAD_POPULATION_GRID', line === undefined ? message : `line ${line}: ${message}`, {
    details: [{ path: 'body.csv', message: line === undefined ? message : `line ${line}: ${message}` }],
  });
}

/** The south-west corner of the square an SCB id names, or null. */
export function squareCorner(id: string): { x: number; y: number } | null {
  if (!/^\d{13}$/.test(id)) return null;
  const northFirst = { y: Number(id.slice(0, 7)), x: Number(id.slice(7)) };
  if (within(northFirst.y, NORTHING) && within(northFirst.x, EASTING)) return northFirst;
  const eastFirst = { x: Number(id.slice(0, 6)), y: Number(id.slice(6)) };
  if (within(eastFirst.y, NORTHING) && within(eastFirst.x, EASTING)) return eastFirst;
  return null;
}

const clean = (field: string) =>
  field
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();

function columnIndex(header: string[], pattern: RegExp): number {
  return header.findIndex((name) => pattern.test(name));
}

export function parseScbGrid(csv: string, sizeGiven?: 250 | 1000): ParsedGrid {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerLine = lines[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => headerLine.includes(d));
  if (!delimiter) throw refused('the first line must be a header with a square id column and a residents column', 1);
  const header = headerLine.split(delimiter).map((f) => clean(f).toLowerCase());
  const idColumn = columnIndex(header, /rut|^id$|square|cell/);
  const countColumn = columnIndex(header, /bef|pop|antal|total|count|resident|invånare/);
  const yearColumn = columnIndex(header, /^(år|ar|year)$/);
  if (idColumn < 0 || countColumn < 0 || idColumn === countColumn) {
    throw refused(
      `the header must name a square id column (e.g. Rutid) and a residents column (e.g. Beftot); it has: ${header.join(', ')}`,
      1,
    );
  }
  const squares = new Map<string, GridRow>();
  let rowsTotal = 0;
  let rowsSkipped = 0;
  let size: 250 | 1000 | undefined = sizeGiven;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    rowsTotal++;
    const fields = line.split(delimiter).map(clean);
    const corner = squareCorner(fields[idColumn] ?? '');
    if (!corner) throw refused(`"${(fields[idColumn] ?? '').slice(0, 20)}" is not an SCB square id (13 digits, SWEREF 99 TM)`, i + 1);
    const countText = (fields[countColumn] ?? '').replace(/\s/g, '');
    const residents = countText === '' || countText === '..' ? 0 : Number(countText);
    if (!Number.isInteger(residents) || residents < 0 || residents > 1_000_000) {
      throw refused(`residents must be a whole number from 0 to 1 000 000, not "${countText.slice(0, 20)}"`, i + 1);
    }
    const yearText = yearColumn >= 0 ? (fields[yearColumn] ?? '') : '';
    const year = yearText === '' ? null : Number(yearText);
    if (year !== null && !(Number.isInteger(year) && year >= 1900 && year < 2200))
      throw refused(`"${yearText.slice(0, 10)}" is not a year`, i + 1);
    const fits = (s: number) => corner.x % s === 0 && corner.y % s === 0;
    if (size === undefined) size = fits(1000) ? 1000 : 250;
    if (size === 1000 && !fits(1000) && sizeGiven === undefined) size = 250;
    if (!fits(size)) throw refused(`square ${fields[idColumn] ?? ''} is not on the ${size} m grid`, i + 1);
    const key = `${corner.x},${corner.y}`;
    if (squares.has(key) || residents === 0) rowsSkipped++;
    if (residents === 0) squares.delete(key);
    else squares.set(key, { ...corner, residents, year });
  }
  if (rowsTotal === 0 || size === undefined) throw refused('the file has no squares');
  const finalSize = size;
  const rows = [...squares.values()];
  const off = rows.find((r) => r.x % finalSize !== 0 || r.y % finalSize !== 0);
  if (off) throw refused(`the squares mix sizes: (${off.x}, ${off.y}) is not on the ${finalSize} m grid`);
  return { size: finalSize, rows, rowsTotal, rowsSkipped };
}
