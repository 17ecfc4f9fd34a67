/**
 * The map legend for the calibrated hot-spot classes, in Swedish and English. It states what was
 * tested and at which adjusted p — never "99 % sure", which reads as the probability that the
 * spot is real (a p-value is not that).
 */
import { CONFIDENCE_LEVELS } from './fdr';

export type LegendLocale = 'sv' | 'en';

export interface HotspotLegend {
  /** Label per Gi_Bin class, "3" … "-3". */
  classes: Record<'3' | '2' | '1' | '0' | '-1' | '-2' | '-3', string>;
  /** One sentence on the method and scale. */
  method: string;
  /** Where cold spots can appear at all. */
  coldSpots: string;
}

export interface LegendParams {
  band: number;
  cellSize: number;
  /** Smallest expected neighbourhood count for a cold test (testability.ts). */
  minimumExpectedForCold: number;
}

function decimal(value: number, locale: LegendLocale, digits: number): string {
  const text = value.toFixed(digits);
  return locale === 'sv' ? text.replace('.', ',') : text;
}

/** The legend for one locale (see the module comment). */
export function hotspotLegend(locale: LegendLocale, params: LegendParams): HotspotLegend {
  const [p3, p2, p1] = CONFIDENCE_LEVELS.map((p) => decimal(p, locale, 2));
  const expected = decimal(params.minimumExpectedForCold, locale, 1);
  if (locale === 'sv') {
    return {
      classes: {
        '3': `Fler än väntat, justerat p ≤ ${p3}`,
        '2': `Fler än väntat, justerat p ≤ ${p2}`,
        '1': `Fler än väntat, justerat p ≤ ${p1}`,
        '0': `Ingen skillnad mot slumpen (justerat p > ${p1})`,
        '-1': `Färre än väntat, justerat p ≤ ${p1}`,
        '-2': `Färre än väntat, justerat p ≤ ${p2}`,
        '-3': `Färre än väntat, justerat p ≤ ${p3}`,
      },
      method:
        `Getis–Ord Gi* inom ${params.band} m på rutor om ${params.cellSize} m. p är exakt (binomialfördelning givet antalet ` +
        'händelser) och justerat för många samtidiga test (Benjamini–Hochberg).',
      coldSpots: `Färre än väntat prövas bara där minst ${expected} händelser väntas inom avståndet.`,
    };
  }
  return {
    classes: {
      '3': `More than expected, adjusted p ≤ ${p3}`,
      '2': `More than expected, adjusted p ≤ ${p2}`,
      '1': `More than expected, adjusted p ≤ ${p1}`,
      '0': `No difference from chance (adjusted p > ${p1})`,
      '-1': `Fewer than expected, adjusted p ≤ ${p1}`,
      '-2': `Fewer than expected, adjusted p ≤ ${p2}`,
      '-3': `Fewer than expected, adjusted p ≤ ${p3}`,
    },
    method:
      `Getis–Ord Gi* within ${params.band} m on ${params.cellSize} m cells. p is exact (binomial, given the number of ` +
      'records) and adjusted for many simultaneous tests (Benjamini–Hochberg).',
    coldSpots: `Fewer than expected is tested only where at least ${expected} records are expected within the band.`,
  };
}
