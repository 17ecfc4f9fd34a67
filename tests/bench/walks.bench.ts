// Safety walks: stripping metadata from a phone-sized photo (beside hashing the same bytes, which
// every upload does anyway), the Word protocol of a 30-stop walk with photos (beside the protocol of
// a walk without stops), and storing stops through the API on the embedded database (beside GET /api/health).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { stripImageMetadata } from '../../server/src/features/walks/image-metadata';
import { walkProtocolDocx } from '../../server/src/features/walks/walk-export';
import type { WalkStop, WalkSummary } from '@lagesbild/shared';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs } from '../support/fixtures';
import { BASE_JPEG, jpegWithMetadata } from '../support/images';
import { median, report, timeRuns } from './support';

/** A JPEG of about `megabytes` MB: the base picture's segments around random entropy-coded data. */
function bigJpeg(megabytes: number): Buffer {
  const planted = jpegWithMetadata(6);
  const sos = planted.lastIndexOf(Buffer.from([0xff, 0xda]));
  const length = planted.readUInt16BE(sos + 2);
  const noise = randomBytes(megabytes * 1024 * 1024);
  // 0xFF inside entropy-coded data is always followed by a stuffed 0x00.
  for (let i = 0; i < noise.length - 1; i++) if (noise[i] === 0xff) noise[i + 1] = 0x00;
  noise[noise.length - 1] = 0x00;
  return Buffer.concat([planted.subarray(0, sos + 2 + length), noise, Buffer.from([0xff, 0xd9])]);
}

const photo = bigJpeg(7);
const strip = median(await timeRuns(15, () => stripImageMetadata(photo)));
const hash = median(await timeRuns(15, () => createHash('sha256').update(photo).digest('hex')));
report(`strip metadata, ${(photo.length / 1_048_576).toFixed(1)} MB JPEG`, strip, 'ms', { name: 'sha256 of it', value: hash });

const walk: WalkSummary = {
  id: randomUUID(),
  title: 'Kvällsvandring Gröndal–Stationen',
  areaId: null,
  areaName: 'Gröndal',
  routeDescription: 'Från Gröndals centrum genom gångtunneln till resecentrum',
  walkedOn: '2026-11-19',
  light: 'dark',
  participants: 17,
  partners: ['Värnamo kommun', 'Polisen', 'Stubo'],
  status: 'done',
  stops: 30,
  photos: 30,
  openActions: 30,
  createdBy: 'Sara Samordnare',
  createdAt: new Date().toISOString(),
};
const stops: WalkStop[] = Array.from({ length: 30 }, (_, i) => ({
  clientId: randomUUID(),
  lat: 57.18 + i * 0.001,
  lon: 14.05,
  ratings: {
    lighting: i % 4,
    openness: 1,
    visibility: 2,
    people: 0,
    security: null,
    walk_path: 3,
    transport: 2,
    mixed_use: 1,
    feeling: i % 3,
  },
  notes: `Stopp ${i + 1}: mörk passage, buskage skymmer sikten mot parkeringen.`,
  action: { text: 'Byt armaturer och klipp buskaget', owner: 'municipality', ownerName: 'Gatuavdelningen', status: 'open' },
  recordedAt: new Date().toISOString(),
  createdAt: new Date().toISOString(),
  categories: ['lighting', 'disorder'],
  pointIds: [],
  photos: [],
}));
const photos = stops.map((s) => ({ stopClientId: s.clientId, contentType: 'image/jpeg', bytes: BASE_JPEG, width: 120, height: 90 }));
const input = { collaborationName: 'Värnamo', walk, stops, districts: new Map<string, string>(), photos, exportedAt: new Date() };
const docx = median(await timeRuns(10, () => walkProtocolDocx(input)));
const empty = median(await timeRuns(10, () => walkProtocolDocx({ ...input, stops: [], photos: [] })));
report('walk protocol DOCX, 30 stops with photos', docx, 'ms', { name: 'protocol without stops', value: empty });

const app = await buildApp({
  config: { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', DEMO_DATA: 'false', LOG_LEVEL: 'warn' }) },
});
await app.ready();
try {
  const collaboration = await createCollaboration(app, 'bench-walks');
  await createVarnamoBoundary(app, collaboration);
  await createUser(app, collaboration, { email: 'bench@walks.test', role: 'coordinator' });
  const cookie = await loginAs(app, 'bench@walks.test');
  const created = await app.inject({
    method: 'POST',
    url: '/api/walks',
    headers: { origin: ORIGIN, cookie },
    payload: { title: 'Bench', routeDescription: 'Runt torget', walkedOn: '2026-11-19', light: 'dark', participants: 5 },
  });
  const walkId = created.json().id as string;
  const N = 200;
  const body = { lat: 57.18, lon: 14.05, ratings: { lighting: 0, people: 1, walk_path: 1 }, notes: 'Mörkt' };
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/walks/${walkId}/stops/${randomUUID()}`,
      headers: { origin: ORIGIN, cookie },
      payload: body,
    });
    if (res.statusCode !== 201) throw new Error(`stop upload failed: ${res.statusCode} ${res.body}`);
  }
  const perStop = (performance.now() - start) / N;
  const healthStart = performance.now();
  for (let i = 0; i < N; i++) await app.inject({ method: 'GET', url: '/api/health' });
  const perHealth = (performance.now() - healthStart) / N;
  report('PUT stop (3 points) on the embedded database', perStop, 'ms', { name: 'GET /api/health', value: perHealth });
} finally {
  await app.close();
}
