import { categoryCodes, reportedSources, timeBands } from '@lagesbild/shared';
import type { JobBase } from './hotspot-compute';

/** The parts of a job the pure hot-spot tests share: the default filter echoed, a police viewer, no named places, counts. */
export const testJobDefaults: Pick<
  JobBase,
  'normalised' | 'viewer' | 'dataVersion' | 'namedPlaces' | 'population' | 'measure' | 'narrowTo'
> = {
  normalised: {
    from: null,
    to: null,
    sources: [...reportedSources],
    categories: [...categoryCodes],
    times: [...timeBands],
    days: 'all',
    light: 'all',
    areas: [],
  },
  viewer: { restricted: false, threshold: 5 },
  dataVersion: '1',
  namedPlaces: [],
  population: null,
  measure: 'count',
  narrowTo: 'none',
};
