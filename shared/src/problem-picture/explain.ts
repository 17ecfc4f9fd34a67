import type { Locale } from '../i18n/index';
import { categoryLabel } from '../taxonomy';
import type { Component, RankedProblem } from './rank';

/** Swedish ordinals: 1:a, 2:a, 3:e … 11:e, 12:e … 21:a, 22:a. English: 1st, 2nd, 3rd, 4th … 11th. */
export function ordinal(n: number, locale: Locale): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  if (locale === 'sv') return `${n}:${!teen && (n % 10 === 1 || n % 10 === 2) ? 'a' : 'e'}`;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function percent(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

function number(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** The problem as published: the same figures, with small groups already withheld (null). */
export type DisclosedProblem = Omit<RankedProblem, 'reports' | 'pins'> & {
  pins: { count: number | null; respondents: number | null; share: number | null };
  reports: { total: number | null; ratePer1000: number | null; bySource: Record<string, number | null> };
};

function phrase(component: Component, p: DisclosedProblem, locale: Locale, areaName: string | null): string | undefined {
  const sv = locale === 'sv';
  switch (component) {
    case 'survey':
      if (p.survey.share === null) return undefined;
      return sv
        ? `${percent(p.survey.share, locale)} av de svarande${areaName ? ` i ${areaName}` : ''} kallar det ett stort eller ganska stort problem (n = ${number(p.survey.rated, locale)})`
        : `${percent(p.survey.share, locale)} of respondents${areaName ? ` in ${areaName}` : ''} call it a big or fairly big problem (n = ${number(p.survey.rated, locale)})`;
    case 'pins':
      if (p.pins.respondents === null) return undefined;
      return sv
        ? `${number(p.pins.respondents, locale)} svarande har markerat otrygga platser för det`
        : `${number(p.pins.respondents, locale)} respondents marked unsafe places for it`;
    case 'reports': {
      if (p.reports.total === null) return undefined;
      const rate =
        p.reports.ratePer1000 === null
          ? ''
          : sv
            ? ` (${number(p.reports.ratePer1000, locale, 1)} per 1 000 invånare)`
            : ` (${number(p.reports.ratePer1000, locale, 1)} per 1,000 inhabitants)`;
      return sv ? `${number(p.reports.total, locale)} rapporter${rate}` : `${number(p.reports.total, locale)} reports${rate}`;
    }
    case 'trend': {
      const t = p.trend;
      if (!t.significant) return undefined;
      if (t.change === null)
        return sv
          ? 'rapporter har tillkommit sedan förra perioden (signifikant)'
          : 'reports appeared since the previous period (significant)';
      return sv
        ? `rapporterna ${t.change >= 0 ? 'ökade' : 'minskade'} ${percent(Math.abs(t.change), locale)} (signifikant)`
        : `reports ${t.change >= 0 ? 'rose' : 'fell'} ${percent(Math.abs(t.change), locale)} (significant)`;
    }
    case 'hotspots':
      if (p.hotspots === 0) return undefined;
      if (p.hotspots === 1) return sv ? 'en säker hot spot' : 'one significant hot spot';
      return sv ? `${number(p.hotspots, locale)} säkra hot spots` : `${number(p.hotspots, locale)} significant hot spots`;
  }
}

/**
 * One sentence per rank: the two components that contributed most, with their figures, e.g.
 * "2:a främst för att 41 % av de svarande i Centrum kallar det ett stort eller ganska stort
 * problem (n = 212) och rapporterna ökade 35 % (signifikant)".
 */
export function explain(p: DisclosedProblem, locale: Locale, areaName: string | null): string {
  const sv = locale === 'sv';
  const leading = (Object.entries(p.contributions) as [Component, number][])
    .filter(([, points]) => points > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([component]) => phrase(component, p, locale, areaName))
    .filter((text): text is string => Boolean(text))
    .slice(0, 2);
  const head = ordinal(p.rank, locale);
  const name = categoryLabel(p.category, locale);
  if (leading.length === 0) {
    return sv
      ? `${head}: ${name} – inget underlag pekar ut det under perioden`
      : `${head}: ${name} – nothing in the evidence singles it out in this period`;
  }
  return sv ? `${head} främst för att ${leading.join(' och ')}` : `${head} mainly because ${leading.join(' and ')}`;
}
