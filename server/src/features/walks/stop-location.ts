import { STOP_MAX_DISTANCE_M, isInSweden, metresOutsideBbox, pointInGeometry } from '@lagesbild/shared';
import { HttpError } from '../../plugins/errors';
import { extentOf, type AreaRecord } from '../areas/area-geometry';
import type { WalkRow } from './walk-repository';

const km = (metres: number) => (metres / 1000).toLocaleString('en', { maximumFractionDigits: 1 });

/** A stop must lie near its walk: within 2 km of its area's box, else inside the collaboration. */
export function checkStopLocation(walk: Pick<WalkRow, 'area_id'>, areas: readonly AreaRecord[], lat: number, lon: number): void {
  const details = [
    { path: 'body.lat', message: 'too far from the walk' },
    { path: 'body.lon', message: 'too far from the walk' },
  ];
  if (!isInSweden(lat, lon)) {
    throw new HttpError(422, 'STOP_TOO_FAR', 'The stop is not in Sweden: check the position.', { details });
  }
  const area = walk.area_id ? areas.find((a) => a.id === walk.area_id) : undefined;
  if (area) {
    const outside = metresOutsideBbox(area.bbox, lat, lon);
    if (outside > STOP_MAX_DISTANCE_M) {
      throw new HttpError(
        422,
        'STOP_TOO_FAR',
        `The stop lies ${km(outside)} km outside the walk's area "${area.name}" (at most ${STOP_MAX_DISTANCE_M / 1000} km is accepted). ` +
          'Check the position (GPS is poor indoors) or the walk’s area.',
        { details },
      );
    }
    return;
  }
  const extent = extentOf(areas);
  if (extent.length === 0) return;
  if (!extent.some((a) => pointInGeometry(lon, lat, a.geometry))) {
    const outside = Math.min(...extent.map((a) => metresOutsideBbox(a.bbox, lat, lon)));
    throw new HttpError(
      422,
      'STOP_TOO_FAR',
      `The stop lies outside the collaboration's boundary (${extent.map((a) => a.name).join(', ')})` +
        (outside > 0 ? `, ${km(outside)} km beyond its outer edge` : '') +
        ': check the position.',
      { details },
    );
  }
}
