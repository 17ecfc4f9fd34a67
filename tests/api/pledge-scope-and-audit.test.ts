import type { PledgeActivity } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCollaboration } from '../support/fixtures';
import { createPledgeWorld, type PledgeWorld } from '../support/pledge-world';
import type { TestApp } from '../support/test-app';

/**
 * Another collaboration's pledges are not found on any route, and every change is in the audit
 * log with identifiers and counts only (no free text).
 */

let t: TestApp;
let collab: TestCollaboration;
let official: string;
let coordinator: string;
let otherAdmin: string;
let call: PledgeWorld['call'];
let newDraft: PledgeWorld['newDraft'];
let activity: PledgeWorld['activity'];

beforeAll(async () => {
  ({ t, collab, official, coordinator, otherAdmin, call, newDraft, activity } = await createPledgeWorld());
});
afterAll(async () => t?.close());

describe('scope and audit', () => {
  it("answers 404 for another collaboration's pledge on every route", async () => {
    const draft = await newDraft();
    const a = (await call<PledgeActivity>(coordinator, 'POST', `/api/pledges/${draft.id}/activities`, activity())).body;
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['GET', `/api/pledges/${draft.id}`],
      ['PATCH', `/api/pledges/${draft.id}`, { title: 'x' }],
      ['DELETE', `/api/pledges/${draft.id}`, {}],
      ['POST', `/api/pledges/${draft.id}/activities`, activity()],
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
      const res = await call(otherAdmin, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const list = await call<{ pledges: unknown[] }>(otherAdmin, 'GET', '/api/pledges');
    expect(list.body.pledges).toEqual([]);
  });

  it('logs every change with ids and counts only', async () => {
    const draft = await newDraft();
    const url = `/api/pledges/${draft.id}`;
    const edited = await call(official, 'PATCH', url, {
      title: 'Tryggare centrum 2027',
      parties: {
        municipality: { name: 'Värnamo kommun', signatory: 'Kommunstyrelsens ordförande' },
        police: { name: 'Lokalpolisområde Värnamo', signatory: 'Lokalpolisområdeschef' },
        others: [{ name: 'Bostadsbolaget', signatory: 'Vd' }],
      },
      background: 'Egen bakgrund.',
    });
    expect(edited.status).toBe(200);
    const dropped = await call<PledgeActivity>(coordinator, 'POST', `${url}/activities`, activity());
    expect((await call(coordinator, 'PATCH', `${url}/activities/${dropped.body.id}`, { target: '50 rundor' })).status).toBe(200);
    expect((await call(coordinator, 'DELETE', `${url}/activities/${dropped.body.id}`)).status).toBe(200);
    const kept = await call<PledgeActivity>(coordinator, 'POST', `${url}/activities`, activity());
    expect((await call(official, 'POST', `${url}/status`, { status: 'agreed' })).status).toBe(200);
    expect((await call(official, 'POST', `${url}/status`, { status: 'signed' })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const update = await call(coordinator, 'POST', `${url}/activities/${kept.body.id}/updates`, { on: today, status: 'ongoing', note: 'Tio rundor gjorda.' });
    expect(update.status).toBe(201);
    expect((await call(coordinator, 'POST', `${url}/revise`, {})).status).toBe(201);

    const rows = await t.app.db.selectFrom('audit_log').select(['action', 'target_type', 'details']).where('collaboration_id', '=', collab.id).where('action', 'like', 'pledge.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ['pledge.create', 'pledge.update', 'pledge.activity.create', 'pledge.activity.update', 'pledge.activity.delete', 'pledge.status', 'pledge.revise', 'pledge.activity.follow_up']) {
      expect(actions, action).toContain(action);
    }
    const text = JSON.stringify(rows);
    for (const free of ['Trygghetsrundor', 'Resecentrum', 'Tio rundor', 'Egen bakgrund', 'Tryggare centrum', 'Bostadsbolaget']) expect(text).not.toContain(free);
  });
});
