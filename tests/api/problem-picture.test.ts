import { wgs84ToSweref, type CategoryCode } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * A constructed collaboration whose ranking is known by hand (from=2026-01-01 to=2026-06-30,
 * previous period 2025-07-04 … 2025-12-31):
 *   drugs     — 60 % of 50 respondents call it big; 30 police reports now, 10 before (significant rise)
 *   violence  — 20 % call it big; 30 police reports now and 30 before (flat)
 *   littering — 10 % call it big; 3 municipal reports
 * so drugs ranks first, violence second. Police counts for alcohol (3) are below five.
 */
let t: TestApp;
let collab: TestCollaboration;
let municipal: string;
let police: string;
let coordinator: string;
const query = 'from=2026-01-01&to=2026-06-30';

async function addResponses(
  count: number,
  problems: (i: number) => Record<string, string>,
  extra: (i: number) => Record<string, string> = () => ({}),
) {
  await t.app.db
    .insertInto('survey_response')
    .values(
      Array.from({ length: count }, (_, i) => ({
        collaboration_id: collab.id,
        submitted_at: new Date(Date.UTC(2026, 2, 1 + (i % 25))),
        locale: 'sv',
        channel: 'web' as const,
        answers: JSON.stringify({ problems: problems(i), ...extra(i) }),
      })),
    )
    .execute();
}

async function addPoints(category: CategoryCode, source: 'municipality' | 'police', count: number, month: Date) {
  await t.app.db
    .insertInto('point')
    .values(
      Array.from({ length: count }, (_, i) => {
        const lat = 57.15 + (i % 10) * 0.005;
        const lon = 13.95 + Math.floor(i / 10) * 0.01;
        const [x, y] = wgs84ToSweref(lat, lon);
        return {
          collaboration_id: collab.id,
          source,
          category,
          occurred_at: new Date(month.getTime() + i * 3_600_000),
          lat,
          lon,
          x,
          y,
          precision: 'exact' as const,
          classification: source === 'police' ? ('police_only' as const) : ('internal' as const),
          origin_kind: 'demo' as const,
        };
      }),
    )
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'picture');
  await createVarnamoBoundary(t.app, collab);
  await createUser(t.app, collab, { email: 'official@picture.test', role: 'official', agency: 'municipality' });
  await createUser(t.app, collab, { email: 'police@picture.test', role: 'official', agency: 'police' });
  await createUser(t.app, collab, { email: 'coordinator@picture.test', role: 'coordinator' });
  municipal = await loginAs(t.app, 'official@picture.test');
  police = await loginAs(t.app, 'police@picture.test');
  coordinator = await loginAs(t.app, 'coordinator@picture.test');
  await addResponses(
    50,
    (i) => ({ drugs: i < 30 ? 'big' : 'small', violence: i < 10 ? 'fairly_big' : 'none', littering: i < 5 ? 'big' : 'small' }),
    (i) => ({ safety_evening: i < 20 ? 'very_unsafe' : 'fairly_safe', gender: i < 3 ? 'other' : i < 25 ? 'woman' : 'man' }),
  );
  await addPoints('drugs', 'police', 30, new Date(Date.UTC(2026, 3, 1)));
  await addPoints('drugs', 'police', 10, new Date(Date.UTC(2025, 9, 1)));
  await addPoints('violence', 'police', 30, new Date(Date.UTC(2026, 3, 1)));
  await addPoints('violence', 'police', 30, new Date(Date.UTC(2025, 9, 1)));
  await addPoints('littering', 'municipality', 3, new Date(Date.UTC(2026, 3, 1)));
  await addPoints('alcohol', 'police', 3, new Date(Date.UTC(2026, 3, 1)));
});
afterAll(async () => t.close());

const picture = async (cookie: string, q = query) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/problem-picture?${q}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /api/problem-picture', () => {
  it('ranks the constructed data as worked out by hand, with reasons', async () => {
    const body = await picture(municipal);
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(body.previous).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    expect(body.respondents).toBe(50);
    expect(body.problems.slice(0, 3).map((p: { category: string }) => p.category)).toEqual(['drugs', 'violence', 'littering']);
    const drugs = body.problems[0];
    expect(drugs.survey).toMatchObject({ rated: 50, share: 0.6 });
    expect(drugs.survey.low).toBeLessThan(0.6);
    expect(drugs.survey.high).toBeGreaterThan(0.6);
    expect(drugs.trend).toMatchObject({ current: 30, previous: 10, significant: true });
    // Reports (30 of the largest 30: 25 points) outweigh the survey (0.6 × 35 = 21 points).
    expect(drugs.explanation).toMatch(
      /^1:a främst för att 30 rapporter och 60\s% av de svarande kallar det ett stort eller ganska stort problem \(n = 50\)$/,
    );
    expect(body.problems[1].trend.significant).toBe(false);
  });

  it('withholds police-only counts below five from non-police staff, and shows them to the police', async () => {
    const forMunicipality = (await picture(municipal)).problems.find((p: { category: string }) => p.category === 'alcohol');
    expect(forMunicipality.reports).toMatchObject({ total: null, bySource: { police: null } });
    expect(forMunicipality.trend.current).toBeNull();
    const forPolice = (await picture(police)).problems.find((p: { category: string }) => p.category === 'alcohol');
    expect(forPolice.reports).toMatchObject({ total: 3, bySource: { police: 3 } });
  });

  it('withholds survey figures for an area with fewer than five respondents', async () => {
    const body = await picture(municipal, 'from=2027-01-01&to=2027-03-01');
    expect(body.respondents).toBeNull();
    expect(
      body.problems.every((p: { survey: { share: unknown; rated: unknown } }) => p.survey.share === null && p.survey.rated === null),
    ).toBe(true);
  });

  it('answers bad periods and unknown areas precisely', async () => {
    const get = (q: string) => t.app.inject({ method: 'GET', url: `/api/problem-picture?${q}`, headers: { cookie: municipal } });
    expect((await get('from=2026-06-01&to=2026-01-01')).json().error).toBe('INVALID_PERIOD');
    expect((await get('from=2026-02-31')).statusCode).toBe(400);
    expect((await get('from=yesterday')).statusCode).toBe(400);
    expect((await get('areaId=2b1f7c1e-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('follows the collaboration’s weights', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/problem-picture/weights',
      headers: { origin: ORIGIN, cookie: coordinator },
      payload: { survey: 0, pins: 0, reports: 100, trend: 0, hotspots: 0 },
    });
    expect(put.statusCode).toBe(200);
    const ranked = (await picture(municipal)).problems.map((p: { category: string }) => p.category);
    // Equal report counts: the tie breaks by category code, never by input order.
    expect(ranked.slice(0, 2)).toEqual(['drugs', 'violence']);
    await t.app.inject({
      method: 'PUT',
      url: '/api/problem-picture/weights',
      headers: { origin: ORIGIN, cookie: coordinator },
      payload: { survey: 35, pins: 15, reports: 25, trend: 15, hotspots: 10 },
    });
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/problem-picture/weights',
      headers: { origin: ORIGIN, cookie: municipal },
      payload: { survey: 1, pins: 1, reports: 1, trend: 1, hotspots: 1 },
    });
    expect(refused.statusCode).toBe(403);
    const logged = await t.app.db.selectFrom('audit_log').select('details').where('action', '=', 'problem_picture.weights').execute();
    expect(logged.map((l) => l.details)).toEqual([
      { survey: 0, pins: 0, reports: 100, trend: 0, hotspots: 0 },
      { survey: 35, pins: 15, reports: 25, trend: 15, hotspots: 10 },
    ]);
  });

  it('exports CSV that spreadsheets cannot run, and GeoJSON', async () => {
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/problem-picture/export?${query}&format=csv`,
      headers: { cookie: municipal },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^rank;kategori;poäng/);
    expect(lines[1]).toMatch(/^1;Narkotika;/);
    expect(lines.every((line) => !/;[=+@]/.test(line))).toBe(true);
    const geo = await t.app.inject({
      method: 'GET',
      url: `/api/problem-picture/export?${query}&format=geojson`,
      headers: { cookie: municipal },
    });
    expect(JSON.parse(geo.body).type).toBe('FeatureCollection');
    expect(geo.headers['content-type']).toContain('application/geo+json');
    expect(geo.headers['content-disposition']).toMatch(/^attachment; filename="problembild-.+\.geojson"$/);
    const logged = await t.app.db.selectFrom('audit_log').select('details').where('action', '=', 'export.problem_picture').execute();
    expect(logged.map((l) => l.details)).toEqual([{ format: 'csv' }, { format: 'geojson' }]);
  });
});

describe('felt-safety index', () => {
  it('breaks down by gender, hiding the small group and one more so neither can be derived', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/problem-picture/safety-index?breakdown=gender',
      headers: { cookie: municipal },
    });
    expect(res.statusCode).toBe(200);
    const [period] = res.json().periods;
    expect(period.period).toBe('2026-H1');
    const group = (name: string) => period.groups.find((g: { group: string }) => g.group === name);
    expect(group('other')).toMatchObject({ respondents: null, unsafe: null });
    // 3 "other" + 22 women + 25 men: hiding only "other" would let 50 − 22 − 25 give it away.
    expect(group('woman').respondents === null || group('man').respondents === null).toBe(true);
    const visible = period.groups.filter((g: { respondents: number | null }) => g.respondents !== null);
    expect(visible.every((g: { respondents: number }) => g.respondents >= 5)).toBe(true);
  });
});

describe('snapshots', () => {
  it('saves an immutable lägesbild and compares two', async () => {
    const save = (title: string, q: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/snapshots', headers: { origin: ORIGIN, cookie: coordinator }, payload: { title, ...q } });
    const first = await save('Vecka 10', { from: '2026-01-01', to: '2026-06-30' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await save('Vecka 11', { from: '2025-07-01', to: '2025-12-31' });
    const a = first.json().id;
    const b = second.json().id;
    const one = await t.app.inject({ method: 'GET', url: `/api/snapshots/${a}`, headers: { cookie: police } });
    expect(one.statusCode).toBe(200);
    // Saved as for a reader without police access, whoever opens it.
    expect(one.json().picture.problems.find((p: { category: string }) => p.category === 'alcohol').reports.total).toBeNull();
    const compare = await t.app.inject({ method: 'GET', url: `/api/snapshots/compare?a=${a}&b=${b}`, headers: { cookie: municipal } });
    expect(compare.statusCode).toBe(200);
    expect(compare.json().rows.find((r: { category: string }) => r.category === 'drugs')).toMatchObject({ rankA: 1 });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: `/api/snapshots/${a}`, headers: { origin: ORIGIN, cookie: coordinator }, payload: {} });
      expect([res.statusCode, res.headers.allow]).toEqual([405, 'GET, HEAD']);
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/snapshots', headers: { cookie: municipal } });
    expect(list.json().map((s: { title: string }) => s.title)).toEqual(['Vecka 11', 'Vecka 10']);
  });

  it('saves a one-day snapshot (both ends of the period are included) and refuses a period that ends before it starts', async () => {
    const save = (q: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/snapshots',
        headers: { origin: ORIGIN, cookie: coordinator },
        payload: { title: 'En dag', ...q },
      });
    const oneDay = await save({ from: '2026-03-05', to: '2026-03-05' });
    expect(oneDay.statusCode, oneDay.body).toBe(201);
    expect(oneDay.json()).toMatchObject({ from: '2026-03-05', to: '2026-03-05' });
    const backwards = await save({ from: '2026-03-06', to: '2026-03-05' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ error: 'INVALID_PERIOD' });
  });
});

describe('hot spots as places', () => {
  it('counts groups of touching hot cells, not cells', async () => {
    const { countHotSpots } = await import('../../server/src/features/problem-picture/problem-picture-service');
    // 4×3 grid: one group of three touching cells (diagonals touch), one lone cell, cold cells ignored.
    const classes = Int8Array.from([3, 2, 0, 0, 0, 0, 2, 0, 3, 0, 0, -3]);
    expect(countHotSpots(classes, 4, 3)).toBe(2);
    expect(countHotSpots(new Int8Array(12), 4, 3)).toBe(0);
  });
});
