import { categoryCodes, reportedSources, timeBands } from '@lagesbild/shared';

/**
 * What the map's list filters mean when left out: every category and time of day, but only the
 * reported sources — felt (survey pins) and reported are analysed apart unless the user ticks
 * both (the API's default, hotspot-params.ts). A list equal to its default is left out of URLs,
 * so equal selections make equal (cacheable) requests.
 */
export const DEFAULT_LISTS: Record<'sources' | 'categories' | 'times', readonly string[]> = {
  sources: reportedSources,
  categories: categoryCodes,
  times: timeBands,
};

export function isDefaultList(key: keyof typeof DEFAULT_LISTS, values: readonly string[]): boolean {
  const defaults = DEFAULT_LISTS[key];
  return values.length === 0 || (values.length === defaults.length && defaults.every((v) => values.includes(v)));
}
