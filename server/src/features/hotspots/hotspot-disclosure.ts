/**
 * What a viewer outside the police gets: answers computed entirely without police-only records.
 *
 * The earlier rule counted police-only records in every statistic and masked them in the
 * counts. That made a municipal viewer's counts disagree with their own z-scores (exports could
 * not be reproduced), and nested periods (5, 7 and 11 days) let the masked counts be worked out
 * by subtraction. Leaving the records out before anything is computed — the scale, the grid,
 * the counts, the statistics, the places, the totals — makes the answer exactly the one the
 * same request gives on the data without police-only records, so no difference of two answers
 * can reveal any of them (hotspots-disclosure.test.ts checks this on generated data). Police
 * staff get the analysis of every record.
 */
import { POLICE_ONLY, type PointFilter } from '@lagesbild/shared/hotspot/index';
import type { Viewer } from './hotspot-compute';

export const DISCLOSURE_RULE =
  'For viewers outside the police, police-only records are left out of the whole analysis before anything is computed: ' +
  'the scale, counts, totals, z, p, classes, density, places and exports are what the same request gives on the data ' +
  'without police-only records. So a viewer’s figures agree with each other, exports can be reproduced, and no ' +
  'difference of two answers (nested periods, other filters) reveals a police-only count. Police staff see the ' +
  'analysis of all records.';

/** The filter as this viewer may apply it: without police-only records outside the police. */
export function viewerFilter(filter: PointFilter, viewer: Viewer): PointFilter {
  return viewer.restricted ? { ...filter, without: POLICE_ONLY } : filter;
}

/** The disclosure part of `meta`. */
export function disclosureMeta(viewer: Viewer) {
  return { threshold: viewer.threshold, restricted: viewer.restricted, rule: DISCLOSURE_RULE };
}
