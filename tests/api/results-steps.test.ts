import { must, standardQuestions } from '@lagesbild/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicResults } from '../../server/src/features/responses/results-service';
import { createCollaboration, type TestCollaboration } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

/**
 * The kiosk scenario, generated: answers arrive one at a time (some flagged and accepted
 * later), and someone reads the public results between them. The clock is simulated; answers
 * are stored as the submission batcher stores them and read through the results service.
 */
const K = 5;
const OPTIONS = ['very_safe', 'fairly_safe', 'fairly_unsafe', 'very_unsafe', 'dont_go_out'] as const;
const MINUTE = 60_000;

const world = useWorld(async () => {
  const t = await createTestApp();
  const collab = await createCollaboration(t.app, 'steps');
  return { t, collab, runs: 0 };
});

/** A fresh survey and campaign per generated case, so cases do not share a tally. */
async function freshCampaign(collab: TestCollaboration, start: Date): Promise<{ id: string; slug: string; versionId: string }> {
  const db = world.t.app.db;
  const slug = `steps-${++world.runs}`;
  const survey = await db
    .insertInto('survey')
    .values({ collaboration_id: collab.id, name: slug })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('survey_version')
    .values({ survey_id: survey.id, version: 1, status: 'published', questions: JSON.stringify(standardQuestions()), published_at: start })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaign')
    .values({
      collaboration_id: collab.id,
      survey_version_id: version.id,
      slug,
      title: JSON.stringify({ sv: slug }),
      audience: 'residents',
      opens_at: start,
      closes_at: new Date(start.getTime() + 365 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: campaign.id, slug, versionId: version.id };
}

type Step =
  | { kind: 'submit'; option: number; flagged: boolean; minutes: number }
  | { kind: 'accept'; minutes: number }
  | { kind: 'read'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      option: fc.nat(OPTIONS.length - 1),
      flagged: fc.boolean(),
      minutes: fc.nat(400),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('accept' as const), minutes: fc.nat(400) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), minutes: fc.nat(400) }) },
);

describe('public results change only in steps of at least k answers', () => {
  it('never lets two states a reader sees differ by fewer than k answers, and does publish', async () => {
    const db = world.t.app.db;
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 70 }), fc.nat(365), async (steps, startDay) => {
        cases += 1;
        let clock = Date.UTC(2026, 0, 1) + startDay * 86_400_000;
        const campaign = await freshCampaign(world.collab, new Date(clock - 86_400_000));
        const flagged: string[] = [];
        const seen: { respondents: number; body: string }[] = [];
        const read = async () => {
          const results = await publicResults(db, campaign.slug, 'sv', new Date(clock));
          const respondents = results.respondents ?? 0;
          const body = JSON.stringify(results);
          const last = seen.at(-1);
          if (!last || last.body !== body) seen.push({ respondents, body });
        };
        for (const s of steps) {
          clock += s.minutes * MINUTE;
          if (s.kind === 'submit') {
            const row = await db
              .insertInto('survey_response')
              .values({
                collaboration_id: world.collab.id,
                campaign_id: campaign.id,
                survey_version_id: campaign.versionId,
                locale: 'sv',
                channel: 'kiosk',
                answers: JSON.stringify({ safety_evening: OPTIONS[s.option] }),
                status: s.flagged ? 'flagged' : 'accepted',
                submitted_at: new Date(clock),
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            if (s.flagged) flagged.push(row.id);
          } else if (s.kind === 'accept') {
            const id = flagged.shift();
            if (id) await db.updateTable('survey_response').set({ status: 'accepted' }).where('id', '=', id).execute();
          } else {
            await read();
          }
        }
        // A day later everything accepted so far is before the cut: due if k have come in.
        clock += 2 * 86_400_000;
        await read();

        const states = [{ respondents: 0 }, ...seen.filter((s) => s.respondents > 0)];
        states.slice(1).forEach((state, i) => {
          expect(state.respondents - must(states[i], 'the state before').respondents).toBeGreaterThanOrEqual(K);
        });
        // Nothing changes without a new state (the "nothing yet" page is one state too).
        expect(seen.filter((s) => s.respondents === 0).length).toBeLessThanOrEqual(1);
        const accepted = await db
          .selectFrom('survey_response')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('campaign_id', '=', campaign.id)
          .where('status', '=', 'accepted')
          .executeTakeFirstOrThrow();
        const last = must(states.at(-1), 'the last state').respondents;
        expect(Number(accepted.n) - last).toBeLessThan(K);
      }),
      { numRuns: 40, seed: 20261204 },
    );
    console.log(`results-steps: ${cases} generated kiosk cases`);
  }, 240_000);
});
