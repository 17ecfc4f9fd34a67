import { must, type Pledge, type PledgeActivity, type PublicPledges } from '@lagesbild/shared';
import { describe, expect, it } from 'vitest';
import { createPledgeWorld } from '../support/pledge-world';
import { useWorld } from '../support/use-world';

/**
 * A pledge's lifecycle through the API: editing a signed pledge is a 409; a revision links to
 * its predecessor and copies its activities, also from a newer lägesbild; follow-up updates,
 * and the public API's disclosure control on the results they are shown with.
 */

const world = useWorld(createPledgeWorld);

describe('the lifecycle', () => {
  it('goes draft → agreed → signed → followed up; a signed pledge is never edited (409), only revised', async () => {
    const empty = await world.newDraft();
    const incomplete = await world.call(world.official, 'POST', `/api/pledges/${empty.id}/status`, { status: 'agreed' });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error).toBe('PLEDGE_INCOMPLETE');

    const draft = await world.newDraft();
    const added = await world.call<PledgeActivity>(world.coordinator, 'POST', `/api/pledges/${draft.id}/activities`, world.activity());
    const status = (body: Record<string, unknown>, cookie = world.official) =>
      world.call<Pledge>(cookie, 'POST', `/api/pledges/${draft.id}/status`, body);

    expect((await status({ status: 'agreed' }, world.coordinator)).status).toBe(403);
    const skip = await status({ status: 'signed' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ error: 'INVALID_TRANSITION', message: 'a draft must first be agreed by the parties' });

    const agreed = await status({ status: 'agreed' });
    expect(agreed.status).toBe(200);
    expect(agreed.body.status).toBe('agreed');
    expect(agreed.body.agreedAt).not.toBeNull();
    const locked = await world.call(world.official, 'PATCH', `/api/pledges/${draft.id}`, { title: 'Ändrad' });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toBe('PLEDGE_AGREED');
    expect((await status({ status: 'draft' })).body.status).toBe('draft');
    expect((await status({ status: 'agreed' })).body.status).toBe('agreed');

    const future = await status({ status: 'signed', date: '2999-01-01' });
    expect(future.status).toBe(422);
    expect(future.body.error).toBe('DATE_IN_FUTURE');
    const today = new Date().toISOString().slice(0, 10);
    const signed = await status({ status: 'signed', date: today });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    expect(signed.body.signedAt?.slice(0, 10)).toBe(today);

    const edits: [string, 'PATCH' | 'POST' | 'DELETE', unknown][] = [
      [`/api/pledges/${draft.id}`, 'PATCH', { title: 'Ändrad' }],
      [`/api/pledges/${draft.id}`, 'PATCH', { background: 'Ny bakgrund' }],
      [`/api/pledges/${draft.id}/activities`, 'POST', world.activity()],
      [`/api/pledges/${draft.id}/activities/${added.body.id}`, 'PATCH', { what: 'Något annat' }],
      [`/api/pledges/${draft.id}/activities/${added.body.id}`, 'DELETE', {}],
      [`/api/pledges/${draft.id}`, 'DELETE', {}],
    ];
    for (const [url, method, body] of edits) {
      const res = await world.call(world.coordinator, method, url, body);
      expect(res.status, `${method} ${url}`).toBe(409);
      expect(res.body.error).toBe('PLEDGE_SIGNED');
      if (method !== 'DELETE') expect(res.body.message).toBe('a signed pledge can never be changed: revise it to make a new draft version');
    }
    const back = await status({ status: 'draft' });
    expect(back.status).toBe(409);
    expect(back.body.message).toBe('a signed pledge cannot go back: revise it to make a new draft version');

    const followed = await status({ status: 'followed_up' });
    expect(followed.body).toMatchObject({ status: 'followed_up' });
    expect(followed.body.followedUpAt).not.toBeNull();
    expect((await status({ status: 'signed' })).status).toBe(409);
  });

  it('revises a signed pledge into a new draft version linked to its predecessor, with problems and activities copied', async () => {
    const draft = await world.newDraft();
    await world.call(world.coordinator, 'PATCH', `/api/pledges/${draft.id}`, { title: 'Medborgarlöfte 2027 – Centrum' });
    await world.call(world.coordinator, 'POST', `/api/pledges/${draft.id}/activities`, world.activity());
    await world.call(
      world.coordinator,
      'POST',
      `/api/pledges/${draft.id}/activities`,
      world.activity({
        what: 'Byt belysning i tunneln',
        problemCategory: 'lighting',
        who: { kind: 'municipality', name: '' },
        followUpOn: '2028-02-29',
      }),
    );
    expect((await world.call(world.official, 'POST', `/api/pledges/${draft.id}/revise`, {})).body.error).toBe('NOT_SIGNED');
    await world.call(world.official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' });
    await world.call(world.official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'signed' });
    const before = (await world.call<Pledge>(world.official, 'GET', `/api/pledges/${draft.id}`)).body;

    const earlier = await world.call(world.coordinator, 'POST', `/api/pledges/${draft.id}/revise`, { year: 2026 });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error).toBe('YEAR_BEFORE_PREDECESSOR');
    const revised = await world.call<Pledge>(world.coordinator, 'POST', `/api/pledges/${draft.id}/revise`, { year: 2028 });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({
      status: 'draft',
      version: 2,
      year: 2028,
      predecessorId: draft.id,
      successorId: null,
      title: 'Medborgarlöfte 2028 – Centrum',
    });
    expect(revised.body.problems).toEqual(before.problems);
    expect(revised.body.activities.map((a) => [a.what, a.who, a.where, a.when, a.indicator, a.target])).toEqual(
      before.activities.map((a) => [a.what, a.who, a.where, a.when, a.indicator, a.target]),
    );
    expect(revised.body.activities.map((a) => a.followUpOn)).toEqual(['2028-12-15', '2029-02-28']);
    expect(revised.body.activities.every((a) => !before.activities.some((b) => b.id === a.id))).toBe(true);
    expect(revised.body.versions.map((v) => [v.id, v.version])).toEqual([
      [draft.id, 1],
      [revised.body.id, 2],
    ]);
    const predecessor = (await world.call<Pledge>(world.official, 'GET', `/api/pledges/${draft.id}`)).body;
    expect(predecessor).toMatchObject({ status: 'signed', successorId: revised.body.id });
    expect(predecessor.activities).toEqual(before.activities);

    const again = await world.call(world.coordinator, 'POST', `/api/pledges/${draft.id}/revise`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('ALREADY_REVISED');
    // The new version is a draft like any other.
    expect((await world.call(world.coordinator, 'PATCH', `/api/pledges/${revised.body.id}`, { title: 'Medborgarlöfte 2028' })).status).toBe(
      200,
    );
  });
});

describe('next year from a newer lägesbild', () => {
  it('revises with another snapshot: the copied problems take its figures and its period becomes the baseline', async () => {
    const later = await world.call<{ id: string }>(world.coordinator, 'POST', '/api/snapshots', {
      title: 'Lägesbild februari 2026',
      from: '2026-02-01',
      to: '2026-02-14',
    });
    const draft = await world.newDraft(2026, ['drugs']);
    await world.call(world.coordinator, 'POST', `/api/pledges/${draft.id}/activities`, world.activity({ followUpOn: null }));
    await world.call(world.official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' });
    await world.call(world.official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'signed', date: '2026-02-01' });
    const revised = await world.call<Pledge>(world.coordinator, 'POST', `/api/pledges/${draft.id}/revise`, {
      year: 2027,
      snapshotId: later.body.id,
    });
    expect(revised.status).toBe(201);
    expect(revised.body.snapshot).toMatchObject({ id: later.body.id, from: '2026-02-01', to: '2026-02-14' });
    expect(revised.body.baseline).toEqual({ from: '2026-02-01', to: '2026-02-14' });
    // Survey figures cover whole calendar months (disclosure control: no day-level differences),
    // so the second snapshot's 1–14 February counts all 60 February answers, like the first.
    expect(draft.problems[0]?.evidence.survey.rated).toBe(60);
    expect(revised.body.problems[0]?.evidence.survey.rated).toBe(60);
    const unknown = await world.call(world.coordinator, 'POST', `/api/pledges/${revised.body.id}/revise`, { snapshotId: later.body.id });
    expect(unknown.body.error).toBe('NOT_SIGNED');
  });
});

describe('follow-up', () => {
  it('records dated status updates per activity on a signed pledge only', async () => {
    const draft = await world.newDraft(2026, ['drugs']);
    const a = (
      await world.call<PledgeActivity>(
        world.coordinator,
        'POST',
        `/api/pledges/${draft.id}/activities`,
        world.activity({ followUpOn: '2026-12-15' }),
      )
    ).body;
    const url = `/api/pledges/${draft.id}/activities/${a.id}/updates`;
    const early = await world.call(world.coordinator, 'POST', url, { on: '2026-05-01', status: 'ongoing', note: 'Startat' });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('NOT_SIGNED');
    await world.call(world.official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'agreed' });
    await world.call(world.official, 'POST', `/api/pledges/${draft.id}/status`, { status: 'signed', date: '2026-04-15' });
    const before = await world.call(world.coordinator, 'POST', url, { on: '2026-04-01', status: 'ongoing', note: 'x' });
    expect(before.status).toBe(422);
    expect(before.body.error).toBe('BEFORE_SIGNING');
    const future = await world.call(world.coordinator, 'POST', url, { on: '2999-01-01', status: 'ongoing', note: 'x' });
    expect(future.body.error).toBe('DATE_IN_FUTURE');
    const badStatus = await world.call(world.coordinator, 'POST', url, { on: '2026-05-01', status: 'finished', note: 'x' });
    expect(badStatus.status).toBe(400);
    expect(
      (
        await world.call(world.coordinator, 'POST', url, {
          on: '2026-05-01',
          status: 'ongoing',
          note: 'Tio rundor gjorda, Anna på fältet leder.',
        })
      ).status,
    ).toBe(201);
    const done = await world.call<PledgeActivity>(world.official, 'POST', url, { on: '2026-08-20', status: 'done', note: 'Klart.' });
    expect(done.status).toBe(201);
    expect(done.body.status).toBe('done');
    expect(done.body.updates.map((u) => [u.on, u.status, u.by])).toEqual([
      ['2026-05-01', 'ongoing', 'coordinator'],
      ['2026-08-20', 'done', 'official'],
    ]);

    // The public page: the status and its date, the survey against the baseline, no notes.
    const res = await world.t.app.inject({ method: 'GET', url: '/api/public/collaborations/pledges/pledges?locale=sv' });
    const body: PublicPledges = res.json();
    const published = must(
      body.pledges.find((p) => p.id === draft.id),
      'the published pledge',
    );
    expect(published.activities[0]).toMatchObject({ status: 'done', statusOn: '2026-08-20', where: ['Centrum', 'Resecentrum'] });
    expect(res.body).not.toContain('Anna på fältet');
    expect(res.body).not.toContain('coordinator');
    const unsafe = must(
      published.results.measures.find((m) => m.id === 'safety_evening'),
      'the evening safety measure',
    );
    expect(published.results.baseline).toEqual({ from: '2026-01-01', to: '2026-06-30', respondents: 60 });
    expect(published.results.followUp?.from).toBe('2026-07-01');
    expect(unsafe.baseline).toEqual({ answered: 60, share: 20 / 60 });
    // 3 of 8 feel unsafe: fewer than five, so the share (which would reveal them) is withheld.
    expect(unsafe.followUp).toEqual({ answered: 8, share: null });
    expect(unsafe.change).toBeNull();
    const drugs = must(
      published.results.measures.find((m) => m.id === 'problems.drugs'),
      'the drugs measure',
    );
    expect(drugs.baseline).toEqual({ answered: 60, share: 0.5 });
    expect(drugs.followUp).toEqual({ answered: null, share: null });
    expect(body.pledges.every((p) => p.status === 'signed' || p.status === 'followed_up')).toBe(true);

    // Three answers in September: a month of fewer than five counts nowhere, so the figure seen
    // at the end of August and the one seen later cannot be subtracted to reveal those three.
    await world.addResponses(
      3,
      (i) => new Date(Date.UTC(2026, 8, 10 + i, 12)),
      () => ({ safety_evening: 'very_unsafe' }),
    );
    const later: PublicPledges = (
      await world.t.app.inject({ method: 'GET', url: '/api/public/collaborations/pledges/pledges?locale=sv' })
    ).json();
    const again = must(
      later.pledges.find((p) => p.id === draft.id),
      'the published pledge',
    ).results;
    expect(again.measures.find((m) => m.id === 'safety_evening')?.followUp).toEqual({ answered: 8, share: null });
    expect(again.followUp?.respondents).toBe(8);
  });
});
