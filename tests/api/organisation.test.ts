import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '@lagesbild/shared';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { readTeamKitJson, teamKitMissing } from '../support/team-kit';
import { createTestApp, type TestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

/** Issue 14: a collaboration's agencies and its own settings, edited by its admins. */
const world = useWorld(async () => {
  const t: TestApp = await createTestApp();
  const a: TestCollaboration = await createCollaboration(t.app, 'org-a');
  const b = await createCollaboration(t.app, 'org-b');
  await createUser(t.app, a, { email: 'admin@org.test', role: 'admin' });
  await createUser(t.app, a, { email: 'samordnare@org.test', role: 'coordinator' });
  await createUser(t.app, b, { email: 'admin-b@org.test', role: 'admin' });
  return {
    t,
    a,
    b,
    admin: await loginAs(t.app, 'admin@org.test'),
    coordinator: await loginAs(t.app, 'samordnare@org.test'),
    adminB: await loginAs(t.app, 'admin-b@org.test'),
  };
});

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
  world.t.app.inject({ method, url, headers: { origin: ORIGIN, cookie }, ...(payload ? { payload } : {}) });

describe('agencies', () => {
  it('lists, adds a partner with its kind, renames and deactivates', async () => {
    const list = await send('GET', '/api/agencies', world.coordinator);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .agencies.map((x: { kind: string }) => x.kind)
        .sort(),
    ).toEqual(['municipality', 'police']);

    const created = await send('POST', '/api/agencies', world.admin, { kind: 'partner', name: 'Bostadsbolaget', partnerKind: 'housing' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'partner', name: 'Bostadsbolaget', partnerKind: 'housing', active: true });
    const id = created.json().id as string;

    const renamed = await send('PATCH', `/api/agencies/${id}`, world.admin, { name: 'Värnamo Bostäder', partnerKind: 'business' });
    expect(renamed.json()).toMatchObject({ name: 'Värnamo Bostäder', partnerKind: 'business' });
    const off = await send('PATCH', `/api/agencies/${id}`, world.admin, { active: false });
    expect(off.json()).toMatchObject({ active: false });

    // A deactivated agency takes no new users.
    const invite = await send('POST', '/api/users', world.admin, {
      email: 'ny@org.test',
      displayName: 'Ny',
      role: 'official',
      agencyId: id,
    });
    expect(invite.statusCode).toBe(422);
    expect(invite.json().error).toBe('UNKNOWN_AGENCY');
  });

  it('refuses a partner without its kind, a kind on a non-partner and a duplicate name', async () => {
    const missing = await send('POST', '/api/agencies', world.admin, { kind: 'partner', name: 'Skolan' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].path).toBe('body.partnerKind');
    const extra = await send('POST', '/api/agencies', world.admin, { kind: 'police', name: 'Polis 2', partnerKind: 'school' });
    expect(extra.statusCode).toBe(400);
    const unknownKind = await send('POST', '/api/agencies', world.admin, { kind: 'other', name: 'X' });
    expect(unknownKind.statusCode).toBe(400);
    const duplicate = await send('POST', '/api/agencies', world.admin, { kind: 'municipality', name: 'org-a kommun' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toBe('AGENCY_NAME_TAKEN');
  });

  it('keeps an agency with working accounts, and the last police agency while police-only data exists', async () => {
    const withUsers = await send('PATCH', `/api/agencies/${world.a.agencies.municipality}`, world.admin, { active: false });
    expect(withUsers.statusCode).toBe(409);
    expect(withUsers.json().error).toBe('AGENCY_HAS_USERS');

    await world.t.app.db
      .insertInto('point')
      .values({
        collaboration_id: world.a.id,
        source: 'police',
        category: 'violence',
        occurred_at: new Date('2026-11-01T20:00:00Z'),
        lat: 57.18,
        lon: 14.04,
        x: 443000,
        y: 6338000,
        precision: 'exact',
        classification: 'police_only',
        origin_kind: 'demo',
      })
      .execute();
    const last = await send('PATCH', `/api/agencies/${world.a.agencies.police}`, world.admin, { active: false });
    expect(last.statusCode).toBe(409);
    expect(last.json().error).toBe('LAST_POLICE_AGENCY');

    // With a second police agency the first may go.
    const second = await send('POST', '/api/agencies', world.admin, { kind: 'police', name: 'Lokalpolisområde Gislaved' });
    expect(second.statusCode).toBe(201);
    expect((await send('PATCH', `/api/agencies/${world.a.agencies.police}`, world.admin, { active: false })).statusCode).toBe(200);
    expect((await send('PATCH', `/api/agencies/${second.json().id as string}`, world.admin, { active: false })).statusCode).toBe(409);
  });

  it("is the admin's: coordinators may not add, another collaboration's agency is not found", async () => {
    expect((await send('POST', '/api/agencies', world.coordinator, { kind: 'municipality', name: 'Y' })).statusCode).toBe(403);
    const other = await send('PATCH', `/api/agencies/${world.a.agencies.municipality}`, world.adminB, { name: 'Kapad' });
    expect(other.statusCode).toBe(404);
    expect(JSON.stringify((await send('GET', '/api/agencies', world.adminB)).json())).not.toContain('org-a');
  });
});

describe('the collaboration', () => {
  it('answers the active collaboration and lets its admin edit it', async () => {
    const before = await send('GET', '/api/collaboration', world.coordinator);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ slug: 'org-a', disclosureThreshold: 5, languages: ['sv', 'en'], municipalities: [] });

    const edited = await send('PATCH', '/api/collaboration', world.admin, {
      name: 'Trygg i Gislaved och Gnosjö',
      municipalities: ['0662', '0617'],
      policeArea: 'Lokalpolisområde Gislaved',
      languages: ['sv', 'en', 'ar'],
      disclosureThreshold: 8,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Trygg i Gislaved och Gnosjö',
      municipalities: [
        { code: '0617', name: 'Gnosjö' },
        { code: '0662', name: 'Gislaved' },
      ],
      policeArea: 'Lokalpolisområde Gislaved',
      languages: ['sv', 'en', 'ar'],
      disclosureThreshold: 8,
    });
    const b = await send('GET', '/api/collaboration', world.adminB);
    expect(b.json()).toMatchObject({ slug: 'org-b', municipalities: [] });
  });

  it('refuses an unknown or malformed kommunkod, a threshold below 5 and languages without Swedish, naming the field', async () => {
    const unknown = await send('PATCH', '/api/collaboration', world.admin, { municipalities: ['0662', '9999'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'UNKNOWN_MUNICIPALITY', details: [{ path: 'body.municipalities.1' }] });
    const malformed = await send('PATCH', '/api/collaboration', world.admin, { municipalities: ['662'] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details[0].path).toBe('body.municipalities.0');
    const low = await send('PATCH', '/api/collaboration', world.admin, { disclosureThreshold: 4 });
    expect(low.statusCode).toBe(400);
    expect(low.json().details[0].path).toBe('body.disclosureThreshold');
    const noSwedish = await send('PATCH', '/api/collaboration', world.admin, { languages: ['en'] });
    expect(noSwedish.statusCode).toBe(400);
    expect(noSwedish.json().details[0].path).toBe('body.languages');
    expect((await send('PATCH', '/api/collaboration', world.coordinator, { name: 'X' })).statusCode).toBe(403);
  });

  it.skipIf(teamKitMissing('swedish_municipalities.geojson'))('ships the kommunkoder of the team kit', () => {
    const kit = readTeamKitJson<{ features: { properties: { id: string; kom_namn: string } }[] }>('swedish_municipalities.geojson');
    expect(Object.fromEntries(kit.features.map((f) => [f.properties.id, f.properties.kom_namn]))).toEqual(MUNICIPALITIES);
  });
});
