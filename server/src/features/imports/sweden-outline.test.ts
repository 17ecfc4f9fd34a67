import { describe, expect, it } from 'vitest';
import { readTeamKitJson, teamKitMissing } from '../../../../tests/support/team-kit';
import { inSwedenOutline } from './sweden-outline';

const missing = teamKitMissing('swedish_municipalities.geojson') ?? teamKitMissing('polisen-events-2023.json');

describe.skipIf(missing)(`the coarse outline of Sweden${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('holds every corner of the 290 municipality boundaries and every police-feed position', () => {
    const outside: string[] = [];
    const walk = (c: unknown, name: string): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        if (!inSwedenOutline(c[1] as number, c[0])) outside.push(`${name} ${c[1]},${c[0]}`);
      } else if (Array.isArray(c)) for (const inner of c) walk(inner, name);
    };
    const municipalities = readTeamKitJson<{ features: { properties: { kom_namn: string }; geometry: { coordinates: unknown } }[] }>(
      'swedish_municipalities.geojson',
    );
    for (const f of municipalities.features) walk(f.geometry.coordinates, f.properties.kom_namn);
    const events = readTeamKitJson<{ location: { name: string; gps: string } }[]>('polisen-events-2023.json');
    for (const e of events) {
      const [lat = NaN, lon = NaN] = e.location.gps.split(',').map(Number);
      if (!inSwedenOutline(lat, lon)) outside.push(`${e.location.name} ${e.location.gps}`);
    }
    expect(outside).toEqual([]);
  });
});
