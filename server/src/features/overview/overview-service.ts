import { pointSources, type CurrentUser, type Overview } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { pointCounts } from '../points/point-service';
import { collaborationHeader, responseCounts } from './overview-repository';

/**
 * Police-only rows are shown raw to police staff; everyone else gets them only inside figures
 * that rest on at least `threshold` of them, otherwise the figure is withheld (null), not
 * silently lowered, so nobody can subtract their way to a small group.
 */
export function disclose(count: number, policeOnly: boolean, viewerIsPolice: boolean, threshold: number): number | null {
  if (!policeOnly || viewerIsPolice || count === 0 || count >= threshold) return count;
  return null;
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

export async function overviewFor(db: Kysely<Database>, user: CurrentUser): Promise<Overview> {
  const collaborationId = user.collaboration.id;
  const [header, responses, counts] = await Promise.all([
    collaborationHeader(db, collaborationId),
    responseCounts(db, collaborationId),
    pointCounts(db, collaborationId),
  ]);
  const isPolice = user.agency.kind === 'police';
  const threshold = header.disclosure_threshold;
  const sources = pointSources.map((source) => {
    let total: number | null = 0;
    let last30Days: number | null = 0;
    for (const row of counts.filter((c) => c.source === source)) {
      total = add(total, disclose(row.total, row.police_only, isPolice, threshold));
      last30Days = add(last30Days, disclose(row.last_30_days, row.police_only, isPolice, threshold));
    }
    return { source, total, last30Days };
  });
  return {
    collaboration: { name: header.name, policeDistrict: header.police_district },
    responses: { total: responses.total, last30Days: responses.last_30_days },
    sources,
    disclosureThreshold: threshold,
  };
}
