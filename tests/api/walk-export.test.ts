import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { must, type WalkSummary } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { PLANTED, containsText, jpegMetadata, jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../support/images';
import { createTestApp, type TestApp } from '../support/test-app';
import { unzip } from '../support/zip';

let t: TestApp;
let a: TestCollaboration;
let cookie: string;
let walk: WalkSummary;
let docx: Buffer;

const hasCommand = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const office = hasCommand('libreoffice') && hasCommand('pdftotext');
// CI installs LibreOffice (.ci/run); a laptop without it skips the conversion, saying why.
const skipOffice = !office && process.env.CI !== 'true';

const STOPS = [
  {
    notes: 'Gångtunneln under järnvägen är helt mörk, två armaturer trasiga.',
    ratings: { lighting: 0, openness: 1, feeling: 0 },
    photo: 'jpeg',
  },
  {
    notes: 'Täta buskar längs cykelbanan skymmer sikten mot parkeringen.',
    ratings: { openness: 1, visibility: 1, people: 0 },
    photo: 'png',
  },
  {
    notes: 'Busshållplatsen är ljus och välbesökt – fungerar bra.',
    ratings: { lighting: 3, people: 3, transport: 3, feeling: 3 },
    photo: 'webp',
  },
] as const;

beforeAll(async () => {
  t = await createTestApp();
  a = await createCollaboration(t.app, 'export-a');
  await createVarnamoBoundary(t.app, a);
  await createUser(t.app, a, { email: 'coordinator@export.test', role: 'coordinator' });
  await createUser(t.app, a, { email: 'official@export.test', role: 'official' });
  cookie = await loginAs(t.app, 'coordinator@export.test');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/walks',
    headers: { origin: ORIGIN, cookie },
    payload: {
      title: 'Trygghetsvandring Gröndal–Stationen',
      routeDescription: 'Från Gröndals centrum genom gångtunneln till resecentrum',
      walkedOn: '2026-11-19',
      light: 'dark',
      participants: 17,
      partners: ['Värnamo kommun', 'Polisen', 'Stubo'],
    },
  });
  walk = created.json();
  for (const [i, stop] of STOPS.entries()) {
    const clientId = randomUUID();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/walks/${walk.id}/stops/${clientId}`,
      headers: { origin: ORIGIN, cookie },
      payload: {
        lat: 57.18 + i * 0.002,
        lon: 14.05,
        ratings: stop.ratings,
        notes: stop.notes,
        ...(i === 0 ? { action: { text: 'Byt armaturerna i gångtunneln', owner: 'municipality', ownerName: 'Gatuavdelningen' } } : {}),
        ...(i === 1 ? { action: { text: 'Klipp ner buskaget', owner: 'property_owner', ownerName: 'Stubo' } } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [bytes, type] =
      stop.photo === 'jpeg'
        ? [jpegWithMetadata(), 'image/jpeg']
        : stop.photo === 'png'
          ? [pngWithMetadata(), 'image/png']
          : [webpWithMetadata(), 'image/webp'];
    const photo = await t.app.inject({
      method: 'PUT',
      url: `/api/walks/${walk.id}/stops/${clientId}/photos/${randomUUID()}`,
      headers: { origin: ORIGIN, cookie, 'content-type': type },
      payload: bytes,
    });
    expect(photo.statusCode, photo.body).toBe(201);
  }
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/walks/${walk.id}/export?format=docx`,
    headers: { cookie: await loginAs(t.app, 'official@export.test') },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(res.headers['content-disposition']).toBe(
    'attachment; filename="trygghetsvandring-2026-11-19-trygghetsvandring-grondal-stationen.docx"',
  );
  docx = res.rawPayload;
});
afterAll(async () => t?.close());

describe('walk protocol export to Word', () => {
  it('is a DOCX with the walk, every stop, its ratings and actions, and the photos without metadata', () => {
    const files = unzip(docx);
    const xml = must(files.get('word/document.xml'), 'word/document.xml').toString('utf8');
    const text = xml.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Protokoll från trygghetsvandring');
    expect(text).toContain('Trygghetsvandring Gröndal–Stationen');
    expect(text).toContain('19 november 2026');
    expect(text).toContain('I mörker');
    expect(text).toContain('17');
    expect(text).toContain('Värnamo kommun, Polisen, Stubo');
    for (const stop of STOPS) expect(text).toContain(stop.notes);
    expect(text).toContain('Byt armaturerna i gångtunneln');
    expect(text).toContain('Kommunen (Gatuavdelningen)');
    expect(text).toContain('Fastighetsägare');
    expect(text).toContain('Belysning: 0');
    expect(text).toContain('1 foto i WebP-format finns i Lägesbild.');
    const media = [...files.keys()].filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(2); // the JPEG and the PNG; Word shows no WebP
    for (const name of media) {
      const bytes = must(files.get(name), name);
      for (const planted of PLANTED) expect(containsText(bytes, planted), `${name} ${planted}`).toBe(false);
      if (name.endsWith('.jpg') || name.endsWith('.jpeg')) expect(jpegMetadata(bytes).gps).toBe(false);
    }
  });

  it('is audit-logged with ids and counts only', async () => {
    const rows = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('action', '=', 'walk.export')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target_id: walk.id, details: { format: 'docx', stops: 3, photos: 3 } });
  });

  it.skipIf(skipOffice)(
    `converts to PDF with LibreOffice, keeping the title and every stop's notes${skipOffice ? ' (skipped: libreoffice or pdftotext is not installed; CI installs them)' : ''}`,
    { timeout: 180_000 },
    () => {
      expect(office, 'libreoffice and pdftotext must be installed in CI').toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'lagesbild-docx-'));
      try {
        const input = join(dir, 'protokoll.docx');
        writeFileSync(input, docx);
        // A profile of its own, so parallel conversions (and a running LibreOffice) do not collide.
        const profile = pathToFileURL(join(dir, 'profile')).href;
        execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
          timeout: 170_000,
          stdio: 'pipe',
        });
        execFileSync('pdftotext', [join(dir, 'protokoll.pdf'), join(dir, 'protokoll.txt')]);
        // Lines wrap anywhere in a PDF (table cells, after a dash): compare without whitespace.
        const squeeze = (s: string) => s.replace(/\s+/g, '');
        const pdfText = squeeze(readFileSync(join(dir, 'protokoll.txt'), 'utf8'));
        expect(pdfText).toContain(squeeze('Trygghetsvandring Gröndal–Stationen'));
        for (const stop of STOPS) expect(pdfText).toContain(squeeze(stop.notes));
        expect(pdfText).toContain(squeeze('Åtgärdsförslag per ansvarig'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
