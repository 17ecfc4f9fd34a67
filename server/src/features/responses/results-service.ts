import { isLocale, suppressCounts, type PublicResults, type SurveyQuestion } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { surveyCampaignBySlug } from '../campaigns/campaign-service';
import { answerCounts, respondentCount } from './results-repository';

const text = (value: { sv: string; en?: string | undefined }, locale: string) => (locale === 'en' ? value.en : undefined) || value.sv;

/** What residents may see of a survey's answers: closed questions only, under disclosure control. */
export async function publicResults(db: Kysely<Database>, slug: string, locale: string): Promise<PublicResults> {
  const campaign = await surveyCampaignBySlug(db, slug);
  if (!campaign) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', `there is no survey called "${slug}"`);
  const lang = isLocale(locale) ? locale : 'sv';
  const threshold = await db
    .selectFrom('collaboration')
    .select('disclosure_threshold')
    .where('id', '=', campaign.collaboration_id)
    .executeTakeFirstOrThrow();
  const k = threshold.disclosure_threshold;
  const [respondents, counts] = await Promise.all([respondentCount(db, campaign.id), answerCounts(db, campaign.id)]);
  const countOf = (question: string, row: string | null, value: string) =>
    counts.find((c) => c.question === question && c.row === row && c.value === value)?.n ?? 0;

  const questions = (campaign.questions as SurveyQuestion[])
    .filter((q) => q.type === 'single' || q.type === 'likert' || q.type === 'matrix')
    .map((q) => {
      const options = q.options ?? [];
      const rows =
        q.type === 'matrix'
          ? (q.rows ?? []).map((r) => ({ value: r.value as string | null, label: text(r.label, lang) as string | null }))
          : [{ value: null, label: null }];
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
    questions,
  };
}
