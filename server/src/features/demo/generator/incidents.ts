import { wgs84ToSweref, type CategoryCode, type LocationPrecision } from '@lagesbild/shared';
import type { SeededRandom } from '@lagesbild/shared/random';
import type { PointOriginKind } from '../../../db/schema';
import { districtAt, kmToPoint, pickDistrictByPopulation, round, sampleNear, type DistrictGeo, type Layout } from './geography';
import { TREND, type SourceSpec } from './hot-spots';
import { sampleTime, type Timed, type TimeWindow } from './timing';
import type { DemoPoint } from './types';

/** Municipal reports and police events: one point each, drawn from a source's mix. */

export function makePoint(
  layout: Layout,
  spec: SourceSpec,
  category: CategoryCode,
  loc: { lat: number; lon: number },
  time: Timed,
  precision: LocationPrecision,
  area: DistrictGeo | undefined,
  origin: { kind: PointOriginKind; id: string | null },
): DemoPoint {
  const [x, y] = wgs84ToSweref(loc.lat, loc.lon);
  return {
    collaboration_id: layout.collaboration.id,
    source: spec.source,
    category,
    occurred_at: time.at,
    time_band: time.band,
    lat: loc.lat,
    lon: loc.lon,
    x: round(x, 2),
    y: round(y, 2),
    precision,
    area_id: area ? area.id : null,
    classification: spec.classification,
    origin_kind: origin.kind,
    origin_id: origin.id,
  };
}

/** One municipal report or police event (also used for survey-like points when streaming). */
export function sampleIncident(rng: SeededRandom, layout: Layout, win: TimeWindow, spec: SourceSpec): DemoPoint {
  const spotWeights = spec.spots.map((s) => s.weight);
  spotWeights.push(spec.background);
  const which = rng.index(spotWeights);
  const spot = spec.spots[which];
  let category: CategoryCode;
  let loc: { lat: number; lon: number };
  let trend = false;
  if (spot) {
    category = rng.pick(spot.spot.categories);
    trend = spot.trend === true && category === TREND.category;
    loc = sampleNear(rng, layout, spot.spot.km, spot.spot.sigma);
  } else {
    category = rng.pick(spec.backgroundCategories);
    const home = pickDistrictByPopulation(rng, layout);
    loc = sampleNear(rng, layout, home.centroid, 0.9, home);
  }
  const time = sampleTime(rng, win, category, trend);
  const district = districtAt(layout, loc.lon, loc.lat);
  if (district && spec.areaShare > 0 && rng.chance(spec.areaShare)) {
    return makePoint(layout, spec, category, kmToPoint(district.centroid), time, 'area', district, { kind: 'demo', id: null });
  }
  return makePoint(layout, spec, category, loc, time, 'exact', district, { kind: 'demo', id: null });
}
