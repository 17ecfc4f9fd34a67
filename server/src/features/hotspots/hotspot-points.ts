/** The raw points layer: the filtered records this viewer may see, newest first when truncated. */
import { categoryCodes, must, pointSources, type PointsCollection } from '@lagesbild/shared';
import { AREA_ONLY, POLICE_ONLY, polygonSet } from '@lagesbild/shared/hotspot/index';
import { viewerPoints } from './hotspot-analysis';
import type { PointsJob, StudyAreaSpec, Viewer } from './hotspot-compute';
import type { CollaborationData } from './hotspot-repository';

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
      properties: {
        source: must(pointSources[source[i]!], 'the point source'),
        category: must(categoryCodes[category[i]!], 'the point category'),
      },
    })),
    meta: { total, returned: keep.length, truncated: total > keep.length, policeOnlyShown: !job.viewer.restricted },
  };
  return { body: JSON.stringify(body), items: keep.length };
}

/**
 * The bounding box of the points this viewer may see, with a 100 m margin (or a 1 km square
 * where there are none): police-only records must not shape a restricted viewer's grid.
 */
export function pointsBox(data: CollaborationData, viewer: Viewer): StudyAreaSpec {
  const { xy, flags, length } = data.columns;
  const skip = AREA_ONLY | (viewer.restricted ? POLICE_ONLY : 0);
  let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < length; i++) {
    if (flags[i]! & skip) continue;
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  }
  if (!(box[2] >= box[0])) box = [500_000, 6_500_000, 500_900, 6_500_900];
  return { kind: 'points-bbox', names: [], polygons: [], bbox: [box[0] - 100, box[1] - 100, box[2] + 100, box[3] + 100] };
}
