import {
  BIG_PROBLEM,
  FEELS_UNSAFE,
  categoryLabel,
  countingAtoms,
  suppressCounts,
  wholeMonths,
  type CategoryCode,
  type DisclosedShare,
  type SurveyFollowUp,
} from '@lagesbild/shared';
import { normalCdf } from '@lagesbild/shared/hotspot/index';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { answerTallies, respondentsByMonth } from './pledge-repository';

/**
 * The follow-up at the end of the period: the same survey questions in the lägesbild's period
 * (the baseline) and in the pledge year, as shares of respondents under disclosure control.
 * As in the problem picture, answers count by calendar month and a month counts (per question)
 * only with at least the threshold of answers, so that the figure of one month-end and of the
 * next cannot be subtracted to reveal a small group; then `suppressCounts` over [share's
 * people, the others], so neither side of a share rests on fewer than the threshold.
 */

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

interface Measure {
  id: string;
  question: string;
  /** Answers counted in the share. */
  key: readonly string[];
  /** Answers left out of the denominator. */
  excluded: readonly string[];
  label: { sv: string; en: string };
}

function measures(categories: CategoryCode[]): Measure[] {
  return [
    {
      id: 'safety_evening',
      question: 'safety_evening',
      key: FEELS_UNSAFE,
      excluded: [],
      label: { sv: 'Känner sig otrygga ute ensamma sent en kväll', en: 'Feel unsafe out alone late in the evening' },
    },
    {
      id: 'worry_crime',
      question: 'worry_crime',
      key: ['very_often', 'fairly_often'],
      excluded: [],
      label: { sv: 'Oroar sig ofta för att utsättas för brott', en: 'Often worry about becoming a victim of crime' },
    },
    {
      id: 'avoided_places',
      question: 'avoided_places',
      key: ['yes'],
      excluded: [],
      label: { sv: 'Har undvikit platser av oro för brott', en: 'Have avoided places for fear of crime' },
    },
    ...categories
      .filter((c) => c !== 'other')
      .map((c) => ({
        id: `problems.${c}`,
        question: `problems.${c}`,
        key: BIG_PROBLEM,
        excluded: ['dont_know'],
        label: {
          sv: `Anser att ${categoryLabel(c, 'sv').toLowerCase()} är ett stort problem`,
          en: `Call ${categoryLabel(c, 'en').toLowerCase()} a big problem`,
        },
      })),
  ];
}

function disclosedShare(
  tallies: { month: string; question: string; value: string; n: number }[],
  measure: Measure,
  k: number,
): DisclosedShare & { raw?: [number, number] } {
  const answered = tallies.filter((t) => t.question === measure.question && !measure.excluded.includes(t.value));
  const { rows } = countingAtoms(
    answered,
    (t) => t.month,
    (t) => t.n,
    k,
  );
  const yes = rows.filter((t) => measure.key.includes(t.value)).reduce((sum, t) => sum + t.n, 0);
  const no = rows.filter((t) => !measure.key.includes(t.value)).reduce((sum, t) => sum + t.n, 0);
  const { cells, total } = suppressCounts([yes, no], k);
  if (total === null) return { answered: null, share: null };
  if (cells[0] === null || cells[0] === undefined) return { answered: total, share: null };
  return { answered: total, share: yes / total, raw: [yes, total] };
}

/** Two-proportion z-test (pooled), two-sided, at 5 %. */
function significant(a: [number, number], b: [number, number]): boolean {
  const [x1, n1] = a;
  const [x2, n2] = b;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return false;
  const z = Math.abs(x1 / n1 - x2 / n2) / se;
  return 2 * (1 - normalCdf(z)) < 0.05;
}

/**
 * The follow-up period: the pledge year after the baseline's last month, up to the end of the
 * last whole month (figures change once a month, not with every answer, so that comparing one
 * day's figures with the next cannot single out a new answer); null before it has a whole month.
 */
export function followUpPeriod(year: number, baselineTo: string, today = new Date()): { from: string; to: string } | null {
  const end = dayStart(baselineTo);
  const afterBaseline = isoDay(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 1)));
  const yearStart = `${year}-01-01`;
  const from = afterBaseline > yearStart ? afterBaseline : yearStart;
  const lastMonthEnd = isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0)));
  const yearEnd = `${year}-12-31`;
  const to = lastMonthEnd < yearEnd ? lastMonthEnd : yearEnd;
  return from <= to ? { from, to } : null;
}

export async function surveyFollowUp(
  db: Kysely<Database>,
  collaborationId: string,
  pledge: { year: number; baseline_from: string; baseline_to: string },
  categories: CategoryCode[],
  threshold: number,
  locale: 'sv' | 'en',
  today = new Date(),
): Promise<SurveyFollowUp> {
  const k = threshold;
  // The baseline counts the whole months its days touch, like the lägesbild it comes from.
  const baseline = wholeMonths({ from: dayStart(pledge.baseline_from), to: new Date(dayStart(pledge.baseline_to).getTime() + DAY) });
  const period = followUpPeriod(pledge.year, pledge.baseline_to, today);
  const follow = period && { from: dayStart(period.from), to: new Date(dayStart(period.to).getTime() + DAY) };
  const [baseTallies, baseMonths, followTallies, followMonths] = await Promise.all([
    answerTallies(db, collaborationId, baseline.from, baseline.to, categories),
    respondentsByMonth(db, collaborationId, baseline.from, baseline.to),
    follow ? answerTallies(db, collaborationId, follow.from, follow.to, categories) : Promise.resolve([]),
    follow ? respondentsByMonth(db, collaborationId, follow.from, follow.to) : Promise.resolve([]),
  ]);
  const respondents = (months: { month: string; n: number }[]) => {
    const n = countingAtoms(
      months,
      (m) => m.month,
      (m) => m.n,
      k,
    ).rows.reduce((sum, m) => sum + m.n, 0);
    return n >= k ? n : null;
  };
  return {
    threshold: k,
    baseline: { from: isoDay(baseline.from), to: isoDay(new Date(baseline.to.getTime() - DAY)), respondents: respondents(baseMonths) },
    followUp: period ? { ...period, respondents: respondents(followMonths) } : null,
    measures: measures(categories).map((m) => {
      const { raw: baseRaw, ...baseline } = disclosedShare(baseTallies, m, k);
      const follow = period ? disclosedShare(followTallies, m, k) : null;
      const followRaw = follow?.raw;
      const change =
        baseline.share !== null && follow?.share !== null && follow?.share !== undefined ? follow.share - baseline.share : null;
      return {
        id: m.id,
        label: m.label[locale],
        baseline,
        followUp: follow ? { answered: follow.answered, share: follow.share } : null,
        change,
        significant: baseRaw !== undefined && followRaw !== undefined ? significant(baseRaw, followRaw) : false,
      };
    }),
  };
}
