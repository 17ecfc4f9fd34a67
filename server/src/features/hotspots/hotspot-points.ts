/** The raw points layer: the filtered records this viewer may see, newest first when truncated. */
import { categoryCodes, pointSources, type PointsCollection } from '@lagesbild/shared';
import { polygonSet } from '@lagesbild/shared/hotspot/index';
import { viewerPoints } from './hotspot-analysis';
import type { PointsJob } from './hotspot-compute';

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

export function pointsLayer(job: PointsJob): { body: string; items: number } {
  const points = viewerPoints(job, job.filter);
  const set = job.studyArea.polygons.length > 0 && job.studyArea.kind === 'areas' ? polygonSet(job.studyArea.polygons) : undefined;
  const keep: number[] = [];
  for (let i = 0; i < points.index.length; i++) {
    if (set && !set.contains(points.xy[2 * i]!, points.xy[2 * i + 1]!)) continue;
    keep.push(points.index[i]!);
  }
  const total = keep.length;
  const { time, lat, lon, source, category } = job.columns;
  if (keep.length > job.limit) {
    // The newest first; unknown dates last.
    keep.sort((x, y) => (Number.isNaN(time[y]!) ? -Infinity : time[y]!) - (Number.isNaN(time[x]!) ? -Infinity : time[x]!) || x - y);
    keep.length = job.limit;
  }
  const body: PointsCollection = {
    type: 'FeatureCollection',
    features: keep.map((i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round5(lon[i]!), round5(lat[i]!)] },
      properties: { source: pointSources[source[i]!]!, category: categoryCodes[category[i]!]! },
    })),
    meta: { total, returned: keep.length, truncated: total > keep.length, policeOnlyShown: !job.viewer.restricted },
  };
  return { body: JSON.stringify(body), items: keep.length };
}
