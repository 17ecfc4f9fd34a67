import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { rt90ToWgs84, wgs84ToSweref } from '@lagesbild/shared';
import { AreaIndex } from './area-index';
import { parseDecimal, resolveCoordinates } from './coordinates';
import { CsvParser, detectDelimiter } from './csv';
import { parseDateTime, parseTimeOfDay, stockholmHour, stockholmToEpoch } from './dates';
import { encodingFromContentType, refuseBinary, StreamDecoder } from './decode';
import { ImportFileError } from './import-errors';
import { JsonItemScanner } from './json-items';
import { policeEventTime, policePublished } from './police-rows';
import { suggestMapping } from './suggest-mapping';
import { categoryResolver, defaultCategory, isPoliceNonIncident } from './type-mapping';
import { must } from '@lagesbild/shared';

function decodeAll(chunks: Buffer[], declared: 'auto' | 'utf-8' | 'windows-1252' = 'auto'): { text: string; encoding: string | undefined } {
  const decoder = new StreamDecoder(declared);
  const text = chunks.map((c) => decoder.push(c)).join('') + decoder.end();
  return { text, encoding: decoder.encoding };
}

function split(buffer: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) out.push(buffer.subarray(i, i + size));
  return out;
}

function csv(text: string, delimiter = ';', chunk = 3, max = 1000): { fields: string[]; line: number }[] {
  const parser = new CsvParser(delimiter, max);
  const out: { fields: string[]; line: number }[] = [];
  const emit = (fields: string[], line: number) => out.push({ fields, line });
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), emit);
  parser.end(emit);
  return out;
}

function scan(text: string, keys: string[], root: 'array' | 'object' | 'both', chunk = 7) {
  const scanner = new JsonItemScanner(keys, 10_000, root);
  const items: unknown[] = [];
  for (let i = 0; i < text.length; i += chunk) scanner.push(text.slice(i, i + chunk), (t) => items.push(JSON.parse(t)));
  return { ...scanner.end(), items };
}

describe('decoding', () => {
  const swedish = 'Händelse;Plats\nKlotter på vägg;Ån vid Öster\n';

  it('reads UTF-8, with and without BOM, split anywhere', () => {
    const bytes = Buffer.from(swedish, 'utf8');
    for (const size of [1, 2, 3, 5, 1000]) {
      expect(decodeAll(split(bytes, size))).toEqual({ text: swedish, encoding: 'utf-8' });
      expect(decodeAll(split(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), size))).toEqual({
        text: swedish,
        encoding: 'utf-8-bom',
      });
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, even late in the file', () => {
    const bytes = iconv.encode(`${'a;b\n'.repeat(5000)}${swedish}`, 'win1252');
    for (const size of [1, 4096, 65536]) {
      const { text, encoding } = decodeAll(split(bytes, size));
      expect(encoding).toBe('windows-1252');
      expect(text.endsWith(swedish)).toBe(true);
    }
    // A 1252 file whose last byte is "å".
    expect(decodeAll([iconv.encode('abc å', 'win1252')])).toEqual({ text: 'abc å', encoding: 'windows-1252' });
  });

  it('refuses a file that mixes UTF-8 and Windows-1252, and honours a declared encoding', () => {
    const mixed = Buffer.concat([Buffer.from('Å;ö\n', 'utf8'), iconv.encode('å;ö\n', 'win1252')]);
    expect(() => decodeAll([mixed])).toThrow(/not valid UTF-8/);
    expect(decodeAll([iconv.encode(swedish, 'win1252')], 'windows-1252').text).toBe(swedish);
    expect(() => decodeAll([iconv.encode(swedish, 'win1252')], 'utf-8')).toThrow(ImportFileError);
  });

  it('reads UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(swedish, 'utf16le')]);
    expect(decodeAll(split(bytes, 3))).toEqual({ text: swedish, encoding: 'utf-16le' });
  });

  it('recognises zips, PDFs and binary data, and unknown charsets', () => {
    expect(() => refuseBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toThrow(/zip archive/);
    expect(() => refuseBinary(Buffer.from('%PDF-1.7'))).toThrow(/PDF/);
    expect(() => refuseBinary(Buffer.from([1, 2, 3, 0, 5, 6]))).toThrow(/binary/);
    expect(() => refuseBinary(Buffer.from(swedish))).not.toThrow();
    expect(encodingFromContentType('text/csv; charset=windows-1252')).toBe('windows-1252');
    expect(encodingFromContentType('text/csv')).toBeUndefined();
    expect(() => encodingFromContentType('text/csv; charset=klingon')).toThrow(/not supported/);
  });
});

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, line breaks inside quotes and CRLF, in any chunking', () => {
    const text = 'a;b;c\r\n1;"x;y";"he said ""hi"""\r\n2;"two\nlines";z\r\n\r\n;;\r\n3;4;5';
    for (const chunk of [1, 2, 3, 100]) {
      expect(csv(text, ';', chunk)).toEqual([
        { fields: ['a', 'b', 'c'], line: 1 },
        { fields: ['1', 'x;y', 'he said "hi"'], line: 2 },
        { fields: ['2', 'two\nlines', 'z'], line: 3 },
        { fields: ['3', '4', '5'], line: 7 },
      ]);
    }
  });

  it('handles CR-only line ends split across chunks and a missing final newline', () => {
    expect(csv('a,b\r1,2\r3,4', ',', 4).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('stops at a record longer than the limit, and at a quote never closed', () => {
    expect(() => csv(`a;b\n${'x'.repeat(2000)};1\n`, ';', 100, 1000)).toThrow(/longer than/);
    expect(() => csv('a;b\n"open;1\n2;3\n')).toThrow(/never closed/);
  });

  it('detects comma, semicolon (with decimal commas) and tab', () => {
    expect(detectDelimiter('id,lat,lon\n1,57.1,14.0\n2,57.2,14.1\n', true)).toBe(',');
    expect(detectDelimiter('id;lat;lon\n1;57,1;14,0\n2;57,2;14,1\n', true)).toBe(';');
    expect(detectDelimiter('id\tlat\tlon\n1\t57,1\t14,0\n', true)).toBe('\t');
    expect(detectDelimiter('id;text\n1;"a; b; c"\n2;d\n', true)).toBe(';');
    expect(detectDelimiter('just one column\nvalue\n', true)).toBeUndefined();
  });
});

describe('JSON items', () => {
  it('streams the features of a FeatureCollection and keeps the rest', () => {
    const doc = JSON.stringify({
      type: 'FeatureCollection',
      crs: { properties: { name: 'EPSG:3006' } },
      features: [{ a: 1, s: 'x}]"' }, { b: [2, { c: 3 }] }],
      after: true,
    });
    for (const chunk of [1, 3, 7, 1000]) {
      const result = scan(doc, ['features'], 'object', chunk);
      expect(result.items).toEqual([{ a: 1, s: 'x}]"' }, { b: [2, { c: 3 }] }]);
      expect(result.skeleton).toEqual({ type: 'FeatureCollection', crs: { properties: { name: 'EPSG:3006' } }, features: [], after: true });
    }
  });

  it('streams a top-level array and refuses malformed or wrong documents', () => {
    expect(scan('[ {"id":1} , {"id":2} ]', [], 'array').items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(() => scan('[{"id":1},', [], 'array')).toThrow(/ends in the middle/);
    expect(() => scan('[1,2]', [], 'array')).toThrow(/not a JSON object/);
    expect(() => scan('{"a":1}', [], 'array')).toThrow(/single object/);
    expect(() => scan('id;lat\n1;2', [], 'both')).toThrow(/not JSON/);
    expect(() => scan('{"type":"FeatureCollection","features":[]} trailing', ['features'], 'object')).toThrow(/not valid JSON/);
  });
});

describe('Swedish dates and times', () => {
  const at = (text: string) => {
    const parsed = parseDateTime(text);
    return typeof parsed === 'string' ? parsed : new Date(parsed.epochMs).toISOString();
  };

  it('reads the common forms as Swedish local time', () => {
    expect(at('2024-03-05 18:30')).toBe('2024-03-05T17:30:00.000Z');
    expect(at('2024-03-05T18:30:15')).toBe('2024-03-05T17:30:15.000Z');
    expect(at('5/3/2024 18.30')).toBe('2024-03-05T17:30:00.000Z');
    expect(at('05.03.2024 kl. 18.30')).toBe('2024-03-05T17:30:00.000Z');
    expect(at('5 mars 2024 kl. 18.30')).toBe('2024-03-05T17:30:00.000Z');
    expect(at('tisdag 5 mars 2024 18:30')).toBe('2024-03-05T17:30:00.000Z');
    expect(at('2024-07-01 12:00')).toBe('2024-07-01T10:00:00.000Z');
    expect(at('2024-07-01')).toBe('2024-06-30T22:00:00.000Z');
    expect(at('20240701')).toBe('2024-06-30T22:00:00.000Z');
    expect(at('2024-03-05T18:30:00Z')).toBe('2024-03-05T18:30:00.000Z');
    expect(at('2024-03-05 18:30:00+01:00')).toBe('2024-03-05T17:30:00.000Z');
    expect(at('1/2/24')).toBe('2024-01-31T23:00:00.000Z');
  });

  it('tells impossible dates from unreadable ones', () => {
    expect(at('2024-02-30')).toBe('impossible');
    expect(at('31/4/2024')).toBe('impossible');
    expect(at('2024-03-05 25:10')).toBe('impossible');
    expect(at('2024-03-05 18:61')).toBe('impossible');
    expect(at('2023-02-29')).toBe('impossible');
    expect(at('2024-02-29')).not.toBe('impossible');
    expect(at('igår')).toBe('unrecognised');
    expect(at('5 smurf 2024')).toBe('unrecognised');
  });

  it('knows summer time', () => {
    expect(new Date(stockholmToEpoch(2024, 3, 31, 3, 30)).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    expect(new Date(stockholmToEpoch(2024, 3, 31, 1, 30)).toISOString()).toBe('2024-03-31T00:30:00.000Z');
    expect(stockholmHour(Date.parse('2024-10-27T00:30:00Z'))).toBe(2);
    expect(stockholmHour(Date.parse('2024-10-27T01:30:00Z'))).toBe(2);
    expect(parseTimeOfDay('kl. 18')).toEqual({ hour: 18, minute: 0, second: 0 });
    expect(parseTimeOfDay('1830')).toEqual({ hour: 18, minute: 30, second: 0 });
    expect(parseTimeOfDay('24:30')).toBe('impossible');
  });

  it('reads the police feed: event time from the name, year from the publication', () => {
    const published = must(policePublished('2023-03-20 17:15:38 +01:00'), 'the publication time');
    expect(new Date(published.epochMs).toISOString()).toBe('2023-03-20T16:15:38.000Z');
    expect(policePublished('2023-06-01 08:00:00+02:00')?.epochMs).toBe(Date.parse('2023-06-01T06:00:00Z'));
    const event = must(policeEventTime('20 mars 15:58, Brand, Skellefteå', published), 'the event time');
    expect(new Date(event.epochMs).toISOString()).toBe('2023-03-20T14:58:00.000Z');
    expect(event.localHour).toBe(15);
    // Published on New Year's Day about New Year's Eve.
    const january = must(policePublished('2024-01-01 00:40:00 +01:00'), 'the publication time');
    const lateDecember = must(policeEventTime('31 december 23.50, Bråk, Värnamo', january), 'the event time');
    expect(new Date(lateDecember.epochMs).toISOString()).toBe('2023-12-31T22:50:00.000Z');
    expect(policeEventTime('Sammanfattning natt', published)).toBeNull();
  });
});

describe('numbers and coordinates', () => {
  it('reads decimal commas and thousands separators', () => {
    expect(parseDecimal('57,1823')).toBe(57.1823);
    expect(parseDecimal(' 6 396 123 ')).toBe(6396123);
    expect(parseDecimal('6\u00a0396\u00a0123,5')).toBe(6396123.5);
    expect(parseDecimal('6.396.123,5')).toBe(6396123.5);
    expect(parseDecimal('-12.5')).toBe(-12.5);
    expect(parseDecimal('1,2,3')).toBeUndefined();
    expect(parseDecimal('abc')).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
  });

  const [lat, lon] = [57.1826, 14.0473];
  const [x, y] = wgs84ToSweref(lat, lon);

  it('detects WGS 84, SWEREF 99 TM and RT 90, in either order', () => {
    expect(resolveCoordinates(lat, lon, 'latlon', 'auto')).toMatchObject({ crs: 'wgs84', lat, lon, swapped: false });
    expect(resolveCoordinates(lon, lat, 'latlon', 'auto')).toMatchObject({ crs: 'wgs84', lat, lon, swapped: true });
    const sweref = resolveCoordinates(y, x, 'northing-easting', 'auto');
    expect(sweref).toMatchObject({ crs: 'sweref99tm', swapped: false });
    expect((sweref as { lat: number }).lat).toBeCloseTo(lat, 6);
    expect(resolveCoordinates(x, y, 'northing-easting', 'auto')).toMatchObject({ crs: 'sweref99tm', swapped: true });
    // RT 90 2.5 gon V of about the same place (Värnamo: X 6341xxx, Y 1380xxx).
    const rt = resolveCoordinates(6_341_800, 1_380_400, 'northing-easting', 'auto');
    expect(rt).toMatchObject({ crs: 'rt90' });
    const [rtLat, rtLon] = rt90ToWgs84(1_380_400, 6_341_800);
    expect((rt as { lat: number }).lat).toBeCloseTo(rtLat, 6);
    expect((rt as { lon: number }).lon).toBeCloseTo(rtLon, 6);
  });

  it('refuses places outside Sweden and unknown systems', () => {
    expect(resolveCoordinates(0, 0, 'latlon', 'auto')).toBe('outside_sweden');
    expect(resolveCoordinates(48.85, 2.35, 'latlon', 'auto')).toBe('outside_sweden');
    expect(resolveCoordinates(56.5, 3.0, 'latlon', 'auto')).toBe('outside_sweden');
    // Inside the box around Sweden, but in the open Baltic, the Skagerrak, Finland.
    expect(resolveCoordinates(56.9, 19.8, 'latlon', 'auto')).toBe('outside_sweden');
    expect(resolveCoordinates(55.2, 16.5, 'latlon', 'auto')).toBe('outside_sweden');
    expect(resolveCoordinates(58.0, 10.6, 'latlon', 'auto')).toBe('outside_sweden');
    expect(resolveCoordinates(61.5, 23.8, 'latlon', 'auto')).toBe('outside_sweden');
    // Gotland, Öland and the Stockholm archipelago are in.
    expect(resolveCoordinates(57.64, 18.3, 'latlon', 'auto')).toMatchObject({ crs: 'wgs84' });
    expect(resolveCoordinates(56.67, 16.6, 'latlon', 'auto')).toMatchObject({ crs: 'wgs84' });
    expect(resolveCoordinates(59.28, 18.92, 'latlon', 'auto')).toMatchObject({ crs: 'wgs84' });
    expect(resolveCoordinates(5_000_000, 500_000, 'northing-easting', 'auto')).toBe('unknown_crs');
    expect(resolveCoordinates(6_341_800, 2_500_000, 'northing-easting', 'auto')).toBe('unknown_crs');
  });
});

describe('areas', () => {
  const square = (w: number, s: number, e: number, n: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });

  it('puts a point in the smallest area containing it, minding holes', () => {
    const index = new AreaIndex([
      { id: 'outline', kind: 'boundary', name: 'Kommunen', geometry: square(14, 57, 15, 58) },
      { id: 'centre', kind: 'district', name: 'Centrum', geometry: square(14.4, 57.4, 14.6, 57.6) },
      {
        id: 'ring',
        kind: 'district',
        name: 'Ringen',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [14.1, 57.1],
              [14.3, 57.1],
              [14.3, 57.3],
              [14.1, 57.3],
              [14.1, 57.1],
            ],
            [
              [14.15, 57.15],
              [14.25, 57.15],
              [14.25, 57.25],
              [14.15, 57.25],
              [14.15, 57.15],
            ],
          ],
        },
      },
    ]);
    expect(index.locate(14.5, 57.5)).toBe('centre');
    expect(index.locate(14.8, 57.8)).toBe('outline');
    expect(index.locate(14.12, 57.12)).toBe('ring');
    expect(index.locate(14.2, 57.2)).toBe('outline');
    expect(index.locate(16, 57.5)).toBeNull();
    expect(index.inBoundary(14.5, 57.5)).toBe(true);
    expect(index.inBoundary(16, 57.5)).toBe(false);
    expect(new AreaIndex([]).inBoundary(16, 57.5)).toBe(true);
  });
});

describe('taxonomy mapping and suggestions', () => {
  it('maps police types, leaves out non-incidents, and lets a collaboration override', () => {
    expect(defaultCategory('police', 'Misshandel, grov')).toBe('violence');
    expect(defaultCategory('police', 'Stöld/inbrott')).toBe('theft_burglary');
    expect(defaultCategory('police', 'Rattfylleri')).toBe('traffic');
    expect(defaultCategory('police', 'Narkotikabrott')).toBe('drugs');
    expect(defaultCategory('police', 'Skadegörelse')).toBe('vandalism_graffiti');
    expect(defaultCategory('municipality', ' KLOTTER ')).toBe('vandalism_graffiti');
    expect(isPoliceNonIncident('Sammanfattning kväll och natt')).toBe(true);
    expect(isPoliceNonIncident('Trafikkontroll')).toBe(true);
    expect(isPoliceNonIncident('Inbrott')).toBe(false);
    const resolve = categoryResolver('municipality', new Map([['klotter', 'other' as const]]));
    expect(resolve('Klotter')).toEqual({ category: 'other', origin: 'custom' });
    expect(resolve('Glaskross')).toEqual({ category: 'vandalism_graffiti', origin: 'default' });
    expect(resolve('Hundbajs')).toEqual({ category: 'other', origin: 'unmapped' });
  });

  it('suggests columns from Swedish names and from values', () => {
    expect(suggestMapping(['Ärendenr', 'Datum', 'Tid', 'Kategori', 'Latitud', 'Longitud', 'Beskrivning'], [], {})).toEqual({
      idField: 'Ärendenr',
      dateField: 'Datum',
      typeField: 'Kategori',
      latField: 'Latitud',
      lonField: 'Longitud',
      descriptionField: 'Beskrivning',
    });
    const byValue = suggestMapping(['när', 'a', 'b'], [['2024-03-05 18:30', '57,18', '14,04']], {});
    expect(byValue).toMatchObject({ dateField: 'när', latField: 'a', lonField: 'b' });
    expect(suggestMapping(['X', 'Y', 'Datum', 'Tid'], [['6341800', '1380400', '2024-03-05', '18:30']], { typeField: 'X' })).toMatchObject({
      typeField: 'X',
      dateField: 'Datum',
      timeField: 'Tid',
    });
  });
});
