/**
 * The one category taxonomy every input channel maps onto. The codes are stored in the
 * database (a check constraint mirrors this list), so renaming a code needs a migration;
 * labels can change freely.
 */
export const categories = [
  { code: 'lighting', sv: 'Belysning och mörka platser', en: 'Lighting and dark places' },
  { code: 'traffic', sv: 'Trafik och fortkörning', en: 'Traffic and speeding' },
  { code: 'drugs', sv: 'Narkotika', en: 'Drugs' },
  { code: 'alcohol', sv: 'Alkohol', en: 'Alcohol' },
  { code: 'youth_gangs', sv: 'Ungdomsgäng och grupperingar', en: 'Youth groups and gangs' },
  { code: 'disorder', sv: 'Ordningsstörningar', en: 'Disorder' },
  { code: 'harassment', sv: 'Trakasserier', en: 'Harassment' },
  { code: 'violence', sv: 'Våld', en: 'Violence' },
  { code: 'theft_burglary', sv: 'Stöld och inbrott', en: 'Theft and burglary' },
  { code: 'vandalism_graffiti', sv: 'Skadegörelse och klotter', en: 'Vandalism and graffiti' },
  { code: 'littering', sv: 'Nedskräpning', en: 'Littering' },
  { code: 'other', sv: 'Övrigt', en: 'Other' },
] as const;

export type CategoryCode = (typeof categories)[number]['code'];
export const categoryCodes: CategoryCode[] = categories.map((c) => c.code);

export const pointSources = ['survey', 'municipality', 'police', 'walk', 'dialogue'] as const;
export type PointSource = (typeof pointSources)[number];

/**
 * Felt and reported are different measurements: a survey pin says where someone feels unsafe,
 * the other sources say where something was reported or observed. The map analyses them apart
 * by default; the problem picture keeps them apart as "pins" and "reports".
 */
export const feltSources = ['survey'] as const satisfies readonly PointSource[];
export const reportedSources = ['municipality', 'police', 'walk', 'dialogue'] as const satisfies readonly PointSource[];

/**
 * The one rule for point weights, shared by the hot-spot map and the problem picture: every
 * record counts once. A dialogue concern's weight (how many raised it at the meeting) is shown
 * with the dialogue, never multiplied into a count: twelve voices at one meeting about one place
 * are one observation, and the exact hot-spot test counts independent records; counting the
 * voices would let a single meeting make a hot spot, or outweigh a year of reports.
 */
export const POINT_COUNT_RULE =
  'Every record counts once, on the map and in the problem picture. A dialogue concern raised by several people is one ' +
  'record: how many raised it is shown with the dialogue, not multiplied into counts or tests.';

/** Where a point is known to be: exact, moved to a coarser place on purpose, or only its area. */
export const locationPrecisions = ['exact', 'generalised', 'area'] as const;
export type LocationPrecision = (typeof locationPrecisions)[number];

/** Who may see a record raw; everyone else sees it only inside aggregates over the threshold. */
export const dataClassifications = ['public_aggregate', 'internal', 'police_only'] as const;
export type DataClassification = (typeof dataClassifications)[number];

export const timeBands = ['morning', 'day', 'evening', 'night'] as const;
export type TimeBand = (typeof timeBands)[number];

/** Hour (local time) → band; the bands follow how residents describe unsafe times. */
export function timeBandOfHour(hour: number): TimeBand {
  if (hour >= 6 && hour < 10) return 'morning';
  if (hour >= 10 && hour < 18) return 'day';
  if (hour >= 18 && hour < 22) return 'evening';
  return 'night';
}

export function categoryLabel(code: string, locale: 'sv' | 'en'): string {
  const found = categories.find((c) => c.code === code);
  return found ? found[locale] : code;
}
