import { describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, loginAs } from '../support/fixtures';
import { createPledgeFixtures } from '../support/pledge-fixtures';
import { createSurveyFixtures } from '../support/survey-fixtures';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

/** Names residents see arrive without control or bidi-override characters, whatever was typed. */
const world = useWorld(async () => {
  const t = await createTestApp();
  const c = await createCollaboration(t.app, 'display');
  const userId = await createUser(t.app, c, { email: 'admin@display.test', role: 'admin' });
  const ids = { ...(await createSurveyFixtures(t.app, c, 'display-survey')), ...(await createPledgeFixtures(t.app, c, userId)) };
  return { t, ids, cookie: await loginAs(t.app, 'admin@display.test') };
});

function send(method: 'POST' | 'PATCH', url: string, payload: object) {
  return world.t.app.inject({ method, url, headers: { origin: ORIGIN, cookie: world.cookie }, payload });
}

const publicCampaign = async () => (await world.t.app.inject({ method: 'GET', url: '/api/public/campaigns/display-survey' })).json();

describe('display texts', () => {
  it('strips a place name, so the survey map shows it as meant', async () => {
    const res = await send('POST', '/api/places', { name: 'Torget\u202E vid\nstationen\u0007', lat: 57.18, lon: 14.04 });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('Torget vid stationen');
    expect((await publicCampaign()).places.map((p: { name: string }) => p.name)).toContain('Torget vid stationen');
  });

  it('strips a campaign title in every locale', async () => {
    const res = await send('PATCH', `/api/campaigns/${world.ids.campaign}`, {
      title: { sv: '\u2066Trygg\u2069 i \u200Fcentrum', en: 'Safe\u202D downtown\u0085' },
    });
    expect(res.statusCode).toBe(200);
    expect((await publicCampaign()).title).toBe('Trygg i centrum');
  });

  it('keeps the line breaks of a multi-line pledge text and strips the rest', async () => {
    const res = await send('POST', `/api/pledges/${world.ids.pledge}/activities`, {
      what: 'Trygghetsrundor\u202E\nvarje fredag\u0008',
      who: { kind: 'police', name: 'Lokal\u202Bpolisen\n' },
      when: 'kl.\t21–01',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ what: 'Trygghetsrundor\nvarje fredag', who: { name: 'Lokalpolisen' }, when: 'kl. 21–01' });
  });

  it('refuses a name that is nothing but such characters, as too short', async () => {
    const res = await send('POST', '/api/places', { name: '\u202E\u200F', lat: 57.18, lon: 14.04 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toContainEqual(expect.objectContaining({ path: 'body.name' }));
  });
});
