import { isLocale, suppressCounts, type PublicResults } from '@lagesbild/shared';
import { stockholmDate, stockholmDayStart } from '@lagesbild/shared/time/stockholm';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { surveyCampaignBySlug } from '../campaigns/campaign-service';
import { answerCounts, insertPublished, latestPublished, respondentCount, type PublishedState } from './results-repository';

const text = (value: { sv: string; en?: string | undefined }, locale: string) => (locale === 'en' ? value.en : undefined) || value.sv;

/**
 * The state residents see, publishing a new one first when it is due. A state is the tally of
 * the answers submitted before a Swedish midnight, and a new one replaces the last only when
 * at least `k` answers have come in since it (README.md in this folder says why). Published
 * on the first read of a day rather than by a scheduled job, so it needs none; states are
 * stored, so every instance and every later read shows the same one.
 */
export async function publishedState(db: Kysely<Database>, campaignId: string, k: number, now: Date): Promise<PublishedState | undefined> {
  const through = new Date(stockholmDayStart(stockholmDate(now.getTime())));
  const latest = await latestPublished(db, campaignId);
  if (latest && latest.through >= through) return latest;
  // One snapshot of the database, so the count and the tally describe the same answers.
  const candidate = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => ({
      through,
      respondents: await respondentCount(trx, campaignId, through),
      counts: await answerCounts(trx, campaignId, through),
    }));
  if (candidate.respondents - (latest?.respondents ?? 0) < k) return latest;
  await insertPublished(db, campaignId, candidate);
  return latestPublished(db, campaignId);
}

/** What residents may see of a survey's answers: closed questions only, under disclosure control. */
export async function publicResults(db: Kysely<Database>, slug: string, locale: string, now = new Date()): Promise<PublicResults> {
  const campaign = await surveyCampaignBySlug(db, slug);
  if (!campaign) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', `there is no survey called "${slug}"`);
  const lang = isLocale(locale) ? locale : 'sv';
  const threshold = await db
    .selectFrom('collaboration')
    .select('disclosure_threshold')
    .where('id', '=', campaign.collaboration_id)
    .executeTakeFirstOrThrow();
  const k = threshold.disclosure_threshold;
  const state = await publishedState(db, campaign.id, k, now);
  const respondents = state?.respondents ?? 0;
  const counts = state?.counts ?? [];
  const countOf = (question: string, row: string | null, value: string) =>
    counts.find((c) => c.question === question && c.row === row && c.value === value)?.n ?? 0;

  const questions = campaign.questions
    .filter((q) => q.type === 'single' || q.type === 'likert' || q.type === 'matrix')
    .map((q) => {
      const options = q.options ?? [];
      const rows =
        q.type === 'matrix' ? (q.rows ?? []).map((r) => ({ value: r.value, label: text(r.label, lang) })) : [{ value: null, label: null }];
      return {
        id: q.id,
        label: text(q.label, lang),
        groups: rows.map((row) => {
          const { cells, total } = suppressCounts(
            options.map((o) => countOf(q.id, row.value, o.value)),
            k,
          );
          return {
            label: row.label,
            total,
            cells: options.map((o, i) => ({ value: o.value, label: text(o.label, lang), count: cells[i] ?? null })),
          };
        }),
      };
    });
  return {
    slug: campaign.slug,
    title: text(campaign.title, lang),
    threshold: k,
    respondents: respondents >= k ? respondents : null,
    // The last Swedish day whose answers the state holds.
    publishedThrough: state ? stockholmDate(state.through.getTime() - 1) : null,
    questions,
  };
}
