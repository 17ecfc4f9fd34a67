import { must, type Pledge, type PledgeActivity } from '@lagesbild/shared';
import { describe, expect, it } from 'vitest';
import { createPledgeWorld } from '../support/pledge-world';
import { useWorld } from '../support/use-world';

/**
 * A pledge's draft through the API: made from a snapshot (problems, evidence, parties and a
 * generated background), edited, its activities and their validation, deleted, exported.
 */

const world = useWorld(createPledgeWorld);

describe('a draft from a snapshot', () => {
  it('takes the chosen problems with their evidence, default parties and a generated Swedish background', async () => {
    const draft = await world.newDraft();
    expect(draft).toMatchObject({
      year: 2027,
      status: 'draft',
      version: 1,
      predecessorId: null,
      successorId: null,
      title: 'Medborgarlöfte 2027 – Samverkan pledges',
    });
    expect(draft.snapshot).toEqual({ id: world.snapshotId, title: 'Lägesbild våren 2026', from: '2026-01-01', to: '2026-06-30' });
    expect(draft.problems.map((p) => p.category)).toEqual(['drugs', 'lighting']);
    expect(draft.problems[0]?.evidence.survey.share).toBeCloseTo(0.5);
    expect(draft.parties).toEqual({
      municipality: { name: 'Samverkan pledges kommun', signatory: 'Kommunstyrelsens ordförande' },
      police: { name: 'Lokalpolisområde pledges', signatory: 'Lokalpolisområdeschef' },
      others: [],
    });
    expect(draft.background).toContain(
      'Medborgarlöftet för 2027 utgår från lägesbilden ”Lägesbild våren 2026” för perioden 1 januari 2026 – 30 juni 2026.',
    );
    expect(draft.background).toContain('Under perioden besvarade 60 personer trygghetsundersökningen.');
    expect(draft.background).toContain('Kommunen och polisen har valt att i löftet arbeta med narkotika och belysning och mörka platser.');
    expect(draft.background).toMatch(/Narkotika \(1:a i lägesbilden\): 50\s%/);
    const en = await world.call<Pledge>(world.official, 'GET', `/api/pledges/${draft.id}?locale=en`);
    expect(en.body.problems[0]?.label).toBe('Drugs');
    expect(en.body.problems[0]?.evidence.explanation).toMatch(/^1st/);
  });

  it('refuses an unknown category, no categories, an unknown snapshot and another collaboration’s snapshot precisely', async () => {
    const unknown = await world.call(world.coordinator, 'POST', '/api/pledges', {
      snapshotId: world.snapshotId,
      year: 2027,
      categories: ['drugs', 'aliens'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details?.some((d) => d.path === 'body.categories.1')).toBe(true);
    const none = await world.call(world.coordinator, 'POST', '/api/pledges', { snapshotId: world.snapshotId, year: 2027, categories: [] });
    expect(none.status).toBe(400);
    const twice = await world.call(world.coordinator, 'POST', '/api/pledges', {
      snapshotId: world.snapshotId,
      year: 2027,
      categories: ['drugs', 'drugs'],
    });
    expect(twice.status).toBe(400);
    const year = await world.call(world.coordinator, 'POST', '/api/pledges', {
      snapshotId: world.snapshotId,
      year: 1999,
      categories: ['drugs'],
    });
    expect(year.status).toBe(400);
    expect(year.body.details?.[0]?.path).toBe('body.year');
    const missing = await world.call(world.coordinator, 'POST', '/api/pledges', {
      snapshotId: '00000000-0000-4000-8000-000000000000',
      year: 2027,
      categories: ['drugs'],
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('SNAPSHOT_NOT_FOUND');
    const theirs = await world.call(world.otherAdmin, 'POST', '/api/pledges', {
      snapshotId: world.snapshotId,
      year: 2027,
      categories: ['drugs'],
    });
    expect(theirs.status).toBe(404);
  });

  it('is edited while a draft: title, parties, background, problems', async () => {
    const draft = await world.newDraft();
    const res = await world.call<Pledge>(world.official, 'PATCH', `/api/pledges/${draft.id}`, {
      title: 'Tryggare centrum 2027',
      parties: {
        municipality: { name: 'Värnamo kommun', signatory: 'Kommunstyrelsens ordförande' },
        police: { name: 'Lokalpolisområde Värnamo', signatory: 'Lokalpolisområdeschef' },
        others: [{ name: 'Bostadsbolaget', signatory: 'Vd' }],
      },
      background: 'Egen bakgrund.\r\n\r\nAndra stycket.',
      categories: ['lighting', 'drugs', 'traffic'],
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Tryggare centrum 2027');
    expect(res.body.background).toBe('Egen bakgrund.\n\nAndra stycket.');
    expect(res.body.parties.others).toEqual([{ name: 'Bostadsbolaget', signatory: 'Vd' }]);
    expect(res.body.problems.map((p) => p.category)).toEqual(['lighting', 'drugs', 'traffic']);
    const blank = await world.call(world.official, 'PATCH', `/api/pledges/${draft.id}`, { title: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.details?.[0]?.path).toBe('body.title');
    const empty = await world.call(world.official, 'PATCH', `/api/pledges/${draft.id}`, {});
    expect(empty.status).toBe(400);
    const extra = await world.call(world.official, 'PATCH', `/api/pledges/${draft.id}`, { status: 'signed' });
    expect(extra.status).toBe(400);
    expect(extra.body.details?.[0]?.path).toBe('body.status');
  });
});

describe('activities', () => {
  it('are added, changed and removed on a draft', async () => {
    const draft = await world.newDraft();
    const added = await world.call<PledgeActivity>(world.coordinator, 'POST', `/api/pledges/${draft.id}/activities`, world.activity());
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      problemCategory: 'drugs',
      what: 'Trygghetsrundor vid resecentrum',
      who: { kind: 'police', name: 'Lokalpolisområdet' },
      where: { areaIds: [world.districtId], areas: [{ id: world.districtId, name: 'Centrum' }], cellIds: [], places: ['Resecentrum'] },
      followUpOn: '2027-12-15',
      status: 'planned',
      updates: [],
    });
    const changed = await world.call<PledgeActivity>(world.official, 'PATCH', `/api/pledges/${draft.id}/activities/${added.body.id}`, {
      target: '50 rundor',
      followUpOn: null,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ target: '50 rundor', followUpOn: null, what: 'Trygghetsrundor vid resecentrum' });
    const removed = await world.call(world.official, 'DELETE', `/api/pledges/${draft.id}/activities/${added.body.id}`);
    expect(removed.status).toBe(200);
    const gone = await world.call(world.official, 'DELETE', `/api/pledges/${draft.id}/activities/${added.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toBe('ACTIVITY_NOT_FOUND');
  });

  it('are validated precisely', async () => {
    const draft = await world.newDraft();
    const url = `/api/pledges/${draft.id}/activities`;
    const cases: [Record<string, unknown>, number, string, string][] = [
      [world.activity({ what: '' }), 400, 'VALIDATION_FAILED', 'body.what'],
      [world.activity({ what: '   ' }), 422, 'EMPTY_WHAT', 'body.what'],
      [world.activity({ followUpOn: '2026-12-31' }), 422, 'FOLLOW_UP_BEFORE_YEAR', 'body.followUpOn'],
      [world.activity({ followUpOn: '2029-01-01' }), 422, 'FOLLOW_UP_TOO_LATE', 'body.followUpOn'],
      [world.activity({ followUpOn: '2027-02-30' }), 400, 'VALIDATION_FAILED', 'body.followUpOn'],
      [world.activity({ problemCategory: 'traffic' }), 422, 'UNKNOWN_PROBLEM', 'body.problemCategory'],
      [world.activity({ problemCategory: 'aliens' }), 400, 'VALIDATION_FAILED', 'body.problemCategory'],
      [world.activity({ who: { kind: 'other', name: ' ' } }), 422, 'RESPONSIBLE_NAME_REQUIRED', 'body.who.name'],
      [world.activity({ who: { kind: 'army', name: 'x' } }), 400, 'VALIDATION_FAILED', 'body.who.kind'],
      [world.activity({ where: { areaIds: [world.otherArea], cellIds: [], places: [] } }), 422, 'UNKNOWN_AREA', 'body.where.areaIds.0'],
      [world.activity({ where: { areaIds: [], cellIds: ['not-a-cell'], places: [] } }), 400, 'VALIDATION_FAILED', 'body.where.cellIds.0'],
      [world.activity({ where: { areaIds: [], cellIds: [], places: [' '] } }), 422, 'EMPTY_PLACE', 'body.where.places.0'],
    ];
    for (const [body, status, error, path] of cases) {
      const res = await world.call(world.coordinator, 'POST', url, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toBe(error);
      expect(
        res.body.details?.map((d) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await world.call<Pledge>(world.official, 'GET', `/api/pledges/${draft.id}`)).body.activities).toEqual([]);
    const inUse = await world.call(world.coordinator, 'POST', url, world.activity());
    expect(inUse.status).toBe(201);
    const remove = await world.call(world.coordinator, 'PATCH', `/api/pledges/${draft.id}`, { categories: ['lighting'] });
    expect(remove.status).toBe(409);
    expect(remove.body.error).toBe('PROBLEM_IN_USE');
  });
});

describe('a draft when done with', () => {
  it('deletes a draft, and only a draft', async () => {
    const draft = await world.newDraft();
    expect((await world.call(world.coordinator, 'DELETE', `/api/pledges/${draft.id}`)).status).toBe(200);
    expect((await world.call(world.coordinator, 'GET', `/api/pledges/${draft.id}`)).status).toBe(404);
  });

  it('exports a draft to Word and to a print page, and maps its hot spots', async () => {
    const draft = await world.newDraft();
    const docx = await world.t.app.inject({
      method: 'GET',
      url: `/api/pledges/${draft.id}/export?format=docx`,
      headers: { cookie: world.coordinator },
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = await world.t.app.inject({
      method: 'GET',
      url: `/api/pledges/${draft.id}/export?format=pdf`,
      headers: { cookie: world.coordinator },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('querystring.format');
    const hot = await world.call<{ cells: { cellId: string; class: number; areaName: string | null }[] }>(
      world.coordinator,
      'GET',
      `/api/pledges/${draft.id}/hotspots`,
    );
    expect(hot.status).toBe(200);
    expect(hot.body.cells.length).toBeGreaterThan(0);
    expect(hot.body.cells[0]).toMatchObject({ class: 3, areaName: 'Centrum' });
    const hotCell = must(hot.body.cells[0], 'the hottest cell').cellId;
    const withCell = await world.call<PledgeActivity>(
      world.coordinator,
      'POST',
      `/api/pledges/${draft.id}/activities`,
      world.activity({ where: { areaIds: [], cellIds: [hotCell], places: [] } }),
    );
    expect(withCell.body.where.cellIds).toEqual([hotCell]);
  });
});
