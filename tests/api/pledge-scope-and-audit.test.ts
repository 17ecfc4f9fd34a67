import type { PledgeActivity } from '@lagesbild/shared';
import { describe, expect, it } from 'vitest';
import { createPledgeWorld } from '../support/pledge-world';
import { useWorld } from '../support/use-world';

/**
 * Another collaboration's pledges are not found on any route, and every change is in the audit
 * log with identifiers and counts only (no free text).
 */

const world = useWorld(createPledgeWorld);

describe('scope and audit', () => {
  it("answers 404 for another collaboration's pledge on every route", async () => {
    const draft = await world.newDraft();
    const a = (await world.call<PledgeActivity>(world.coordinator, 'POST', `/api/pledges/${draft.id}/activities`, world.activity())).body;
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', `/api/pledges/${draft.id}`],
      ['PATCH', `/api/pledges/${draft.id}`, { title: 'x' }],
      ['DELETE', `/api/pledges/${draft.id}`, {}],
      ['POST', `/api/pledges/${draft.id}/activities`, world.activity()],
      ['PATCH', `/api/pledges/${draft.id}/activities/${a.id}`, { what: 'x' }],
      ['DELETE', `/api/pledges/${draft.id}/activities/${a.id}`, {}],
      ['POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' }],
      ['POST', `/api/pledges/${draft.id}/revise`, {}],
      ['POST', `/api/pledges/${draft.id}/activities/${a.id}/updates`, { on: '2026-05-01', status: 'ongoing', note: '' }],
      ['GET', `/api/pledges/${draft.id}/export?format=docx`],
      ['GET', `/api/pledges/${draft.id}/export?format=html`],
      ['GET', `/api/pledges/${draft.id}/map.png`],
      ['GET', `/api/pledges/${draft.id}/hotspots`],
      ['GET', `/api/pledges/${draft.id}/results`],
    ];
    for (const [method, url, body] of routes) {
      const res = await world.call(world.otherAdmin, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const list = await world.call<{ pledges: unknown[] }>(world.otherAdmin, 'GET', '/api/pledges');
    expect(list.body.pledges).toEqual([]);
  });

  it('logs every change with ids and counts only', async () => {
    const draft = await world.newDraft();
    const url = `/api/pledges/${draft.id}`;
    const edited = await world.call(world.official, 'PATCH', url, {
      title: 'Tryggare centrum 2027',
      parties: {
        municipality: { name: 'Värnamo kommun', signatory: 'Kommunstyrelsens ordförande' },
        police: { name: 'Lokalpolisområde Värnamo', signatory: 'Lokalpolisområdeschef' },
        others: [{ name: 'Bostadsbolaget', signatory: 'Vd' }],
      },
      background: 'Egen bakgrund.',
    });
    expect(edited.status).toBe(200);
    const dropped = await world.call<PledgeActivity>(world.coordinator, 'POST', `${url}/activities`, world.activity());
    expect((await world.call(world.coordinator, 'PATCH', `${url}/activities/${dropped.body.id}`, { target: '50 rundor' })).status).toBe(
      200,
    );
    expect((await world.call(world.coordinator, 'DELETE', `${url}/activities/${dropped.body.id}`)).status).toBe(200);
    const kept = await world.call<PledgeActivity>(world.coordinator, 'POST', `${url}/activities`, world.activity());
    expect((await world.call(world.official, 'POST', `${url}/status`, { status: 'agreed' })).status).toBe(200);
    expect((await world.call(world.official, 'POST', `${url}/status`, { status: 'signed' })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const update = await world.call(world.coordinator, 'POST', `${url}/activities/${kept.body.id}/updates`, {
      on: today,
      status: 'ongoing',
      note: 'Tio rundor gjorda.',
    });
    expect(update.status).toBe(201);
    expect((await world.call(world.coordinator, 'POST', `${url}/revise`, {})).status).toBe(201);

    const rows = await world.t.app.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'details'])
      .where('collaboration_id', '=', world.collab.id)
      .where('action', 'like', 'pledge.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'pledge.create',
      'pledge.update',
      'pledge.activity.create',
      'pledge.activity.update',
      'pledge.activity.delete',
      'pledge.status',
      'pledge.revise',
      'pledge.activity.follow_up',
    ]) {
      expect(actions, action).toContain(action);
    }
    const text = JSON.stringify(rows);
    for (const free of ['Trygghetsrundor', 'Resecentrum', 'Tio rundor', 'Egen bakgrund', 'Tryggare centrum', 'Bostadsbolaget'])
      expect(text).not.toContain(free);
  });
});
