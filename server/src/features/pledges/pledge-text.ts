import {
  ordinal,
  type ActivityStatus,
  type CategoryCode,
  type PledgeActivity,
  type PledgeStatus,
  type ProblemEntry,
  type ProblemPicture,
  type ResponsibleKind,
} from '@lagesbild/shared';

/** Swedish wording shared by the generated background, the Word export and the print view. */

const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

export const formatPercent = (share: number) => percent.format(share);
export const formatNumber = (value: number) => number.format(value);

export function dateSv(day: string): string {
  return new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** "a", "a och b", "a, b och c". */
export function listSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`;
}

/** The key figures of one problem as short Swedish phrases (withheld figures are left out). */
export function evidencePhrases(p: ProblemEntry): string[] {
  const out: string[] = [];
  if (p.survey.share !== null && p.survey.rated !== null) {
    out.push(
      `${formatPercent(p.survey.share)} av de svarande anser att det är ett stort eller ganska stort problem (n = ${formatNumber(p.survey.rated)})`,
    );
  }
  if (p.pins.respondents !== null && p.pins.count !== null && p.pins.count > 0) {
    out.push(`${formatNumber(p.pins.respondents)} svarande markerade ${formatNumber(p.pins.count)} otrygga platser`);
  }
  if (p.reports.total !== null && p.reports.total > 0) {
    const rate = p.reports.ratePer1000 === null ? '' : ` (${formatNumber(p.reports.ratePer1000)} per 1 000 invånare)`;
    out.push(`${formatNumber(p.reports.total)} rapporter från kommunen, polisen, trygghetsvandringar och dialogmöten${rate}`);
  }
  if (p.trend.significant && p.trend.change !== null) {
    out.push(
      `rapporterna ${p.trend.change >= 0 ? 'ökade' : 'minskade'} med ${formatPercent(Math.abs(p.trend.change))} jämfört med perioden före (statistiskt säkerställt)`,
    );
  }
  if (p.hotspots > 0)
    out.push(p.hotspots === 1 ? 'en statistiskt säker hot spot' : `${formatNumber(p.hotspots)} statistiskt säkra hot spots`);
  return out;
}

/** Figures as label–value lines for the Word export and print view ("visas inte" where withheld). */
export function evidenceRows(p: ProblemEntry, threshold: number): [string, string][] {
  const hidden = `visas inte (vilar på färre än ${threshold})`;
  const sources: [keyof ProblemEntry['reports']['bySource'], string][] = [
    ['municipality', 'kommunen'],
    ['police', 'polisen'],
    ['walk', 'trygghetsvandringar'],
    ['dialogue', 'dialogmöten'],
  ];
  return [
    [
      'Trygghetsundersökningen',
      p.survey.share === null || p.survey.rated === null
        ? hidden
        : `${formatPercent(p.survey.share)} anser att det är ett stort eller ganska stort problem (n = ${formatNumber(p.survey.rated)}` +
          (p.survey.low !== null && p.survey.high !== null
            ? `, 95 % säkert mellan ${formatPercent(p.survey.low)} och ${formatPercent(p.survey.high)})`
            : ')'),
    ],
    [
      'Markerade platser',
      p.pins.respondents === null
        ? hidden
        : `${formatNumber(p.pins.respondents)} svarande markerade ${formatNumber(p.pins.count ?? 0)} platser`,
    ],
    [
      'Rapporter',
      (p.reports.total === null
        ? ''
        : `${formatNumber(p.reports.total)}${p.reports.ratePer1000 === null ? '' : ` (${formatNumber(p.reports.ratePer1000)} per 1 000 invånare)`}: `) +
        sources
          .map(([key, name]) => `${name} ${p.reports.bySource[key] === null ? 'visas inte' : formatNumber(p.reports.bySource[key])}`)
          .join(', '),
    ],
    [
      'Trend',
      p.trend.current === null
        ? hidden
        : `${formatNumber(p.trend.current)} rapporter mot ${formatNumber(p.trend.previous ?? 0)} perioden före` +
          (p.trend.change !== null
            ? ` (${p.trend.change >= 0 ? '+' : '−'}${formatPercent(Math.abs(p.trend.change))}, ${p.trend.significant ? 'statistiskt säkerställt' : 'inte statistiskt säkerställt'})`
            : ''),
    ],
    ['Hot spots', p.hotspots === 0 ? 'inga statistiskt säkra' : formatNumber(p.hotspots)],
  ];
}

/**
 * The background section of a new draft, in Swedish, from the snapshot's key figures: what the
 * lägesbild rests on, its top problems, and the chosen problems with their figures. Officials
 * edit it freely afterwards.
 */
export function backgroundText(input: {
  year: number;
  snapshotTitle: string;
  picture: ProblemPicture;
  categories: CategoryCode[];
}): string {
  const { picture, year } = input;
  const place = picture.area ? ` i ${picture.area.name}` : '';
  const intro =
    `Medborgarlöftet för ${year} utgår från lägesbilden ”${input.snapshotTitle}” för perioden ${dateSv(picture.period.from)} – ${dateSv(picture.period.to)}${place}. ` +
    'Lägesbilden väger samman trygghetsundersökningen, invånarnas markeringar av otrygga platser, rapporter från kommunen och polisen, trygghetsvandringar och dialogmöten.' +
    (picture.respondents !== null
      ? ` Under perioden besvarade ${formatNumber(picture.respondents)} personer trygghetsundersökningen.`
      : '');
  const top = picture.problems.slice(0, 3).map((p) => `${p.label.toLowerCase()} (${formatNumber(p.score)} poäng)`);
  const ranking = top.length > 0 ? `De högst rankade problemen i lägesbilden var ${listSv(top)}.` : '';
  const chosen = input.categories
    .map((c) => picture.problems.find((p) => p.category === c))
    .filter((p): p is ProblemEntry => p !== undefined);
  const choice =
    chosen.length > 0 ? `Kommunen och polisen har valt att i löftet arbeta med ${listSv(chosen.map((p) => p.label.toLowerCase()))}.` : '';
  const details = chosen.map((p) => {
    const phrases = evidencePhrases(p);
    return `${p.label} (${ordinal(p.rank, 'sv')} i lägesbilden): ${phrases.length > 0 ? `${phrases.join('; ')}.` : 'underlaget är för litet för att visa siffror.'}`;
  });
  return [intro, [ranking, choice].filter(Boolean).join(' '), ...details].filter(Boolean).join('\n\n');
}

export const STATUS_LABEL: Record<PledgeStatus, string> = {
  draft: 'Utkast',
  agreed: 'Överenskommet',
  signed: 'Undertecknat',
  followed_up: 'Uppföljt',
};
export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = {
  planned: 'Planerad',
  ongoing: 'Pågår',
  done: 'Genomförd',
  cancelled: 'Inställd',
};
const RESPONSIBLE_LABEL: Record<ResponsibleKind, string> = { municipality: 'Kommunen', police: 'Polisen', other: 'Annan aktör' };

export function responsibleText(who: PledgeActivity['who']): string {
  if (who.kind === 'other') return who.name || RESPONSIBLE_LABEL.other;
  return who.name ? `${RESPONSIBLE_LABEL[who.kind]} (${who.name})` : RESPONSIBLE_LABEL[who.kind];
}

export function whereText(activity: PledgeActivity): string[] {
  const cells = activity.where.cellIds.length;
  return [
    ...activity.where.areas.map((a) => a.name),
    ...activity.where.places,
    ...(cells > 0 ? [cells === 1 ? '1 hot-spot-ruta (markerad på kartan)' : `${cells} hot-spot-rutor (markerade på kartan)`] : []),
  ];
}
