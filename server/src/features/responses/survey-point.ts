import { pointInGeometry, timeBands, wgs84ToSweref, type CategoryCode, type TimeBand } from '@lagesbild/shared';
import type { NewPoint } from '../../db/schema';
import type { CampaignContext } from './campaign-context';

function bandOf(times: string[]): TimeBand | null {
  return ((timeBands as readonly string[]).find((band) => times.includes(band)) as TimeBand | undefined) ?? null;
}

/**
 * The point-store row for a pin with coordinates: SWEREF 99 TM, its district, its time band.
 * Used when an answer is stored and when a coordinator accepts a flagged repeat answer.
 */
export function surveyPoint(
  collaborationId: string,
  districts: CampaignContext['districts'],
  pin: { category: string; times: string[]; lat: number; lon: number; generalised: boolean },
  answeredAt: Date,
): Omit<NewPoint, 'origin_id'> {
  const { lat, lon } = pin;
  const [x, y] = wgs84ToSweref(lat, lon);
  const district = districts.find(({ bbox: [west = NaN, south = NaN, east = NaN, north = NaN], geometry }) => {
    return west <= lon && lon <= east && south <= lat && lat <= north && pointInGeometry(lon, lat, geometry);
  });
  const band = bandOf(pin.times);
  return {
    collaboration_id: collaborationId,
    source: 'survey',
    category: pin.category as CategoryCode,
    // A pin says when a place feels unsafe, not when something happened: without a band it
    // is dated to the answer so that period filters still place it.
    occurred_at: band ? null : answeredAt,
    time_band: band,
    lat,
    lon,
    x,
    y,
    precision: pin.generalised ? 'generalised' : 'exact',
    area_id: district?.id ?? null,
    classification: 'internal',
    origin_kind: 'response',
  };
}
