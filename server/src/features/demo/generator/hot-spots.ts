import type { CategoryCode, DataClassification, PointSource } from '@lagesbild/shared';
import { PLACES, type Km } from './geography';

/**
 * Where each source's points concentrate and what they are about: hot spots at the named
 * places with a category mix each, plus a background spread over the districts. Drug
 * problems around Nyhem grow through the second year so that a trend is visible.
 */

interface HotSpot {
  key: string;
  name: string;
  km: Km;
  /** Spread (standard deviation) in km. */
  sigma: number;
  categories: readonly (readonly [CategoryCode, number])[];
}

/** A hot spot with its weight in a source's mix; `trend` marks the growing one. */
export interface WeightedSpot {
  spot: HotSpot;
  weight: number;
  trend?: boolean;
}

export interface SourceSpec {
  source: PointSource;
  classification: DataClassification;
  spots: WeightedSpot[];
  /** Weight of the background (points anywhere in a district, by population) beside the spots. */
  background: number;
  backgroundCategories: readonly (readonly [CategoryCode, number])[];
  /** Share of points only known to district level (placed at the district centroid). */
  areaShare: number;
}

/** Survey pins: where residents feel unsafe. */
export const SURVEY_SPEC: SourceSpec = {
  source: 'survey',
  classification: 'internal',
  spots: [
    {
      weight: 0.22,
      spot: {
        ...PLACES.resecentrum,
        sigma: 0.09,
        categories: [
          ['drugs', 0.25],
          ['harassment', 0.2],
          ['youth_gangs', 0.2],
          ['disorder', 0.15],
          ['alcohol', 0.1],
          ['lighting', 0.1],
        ],
      },
    },
    {
      weight: 0.17,
      spot: {
        ...PLACES.stadsparken,
        sigma: 0.12,
        categories: [
          ['lighting', 0.3],
          ['drugs', 0.25],
          ['youth_gangs', 0.2],
          ['harassment', 0.15],
          ['alcohol', 0.1],
        ],
      },
    },
    {
      weight: 0.1,
      spot: {
        ...PLACES.phuset,
        sigma: 0.05,
        categories: [
          ['lighting', 0.35],
          ['harassment', 0.25],
          ['theft_burglary', 0.2],
          ['vandalism_graffiti', 0.2],
        ],
      },
    },
    {
      weight: 0.14,
      spot: {
        ...PLACES.torget,
        sigma: 0.07,
        categories: [
          ['disorder', 0.3],
          ['alcohol', 0.3],
          ['violence', 0.2],
          ['youth_gangs', 0.2],
        ],
      },
    },
    {
      weight: 0.1,
      spot: {
        ...PLACES.tunneln,
        sigma: 0.05,
        categories: [
          ['lighting', 0.45],
          ['harassment', 0.3],
          ['vandalism_graffiti', 0.15],
          ['youth_gangs', 0.1],
        ],
      },
    },
    {
      weight: 0.1,
      trend: true,
      spot: {
        ...PLACES.nyhem,
        sigma: 0.12,
        categories: [
          ['drugs', 0.4],
          ['youth_gangs', 0.35],
          ['disorder', 0.15],
          ['vandalism_graffiti', 0.1],
        ],
      },
    },
  ],
  background: 0.17,
  backgroundCategories: [
    ['traffic', 0.3],
    ['lighting', 0.25],
    ['theft_burglary', 0.12],
    ['youth_gangs', 0.08],
    ['harassment', 0.08],
    ['vandalism_graffiti', 0.07],
    ['littering', 0.05],
    ['other', 0.05],
  ],
  areaShare: 0,
};

/** Municipal EST reports: the state of streets, parks and buildings. */
export const MUNICIPAL_SPEC: SourceSpec = {
  source: 'municipality',
  classification: 'internal',
  spots: [
    {
      weight: 0.18,
      spot: {
        ...PLACES.stadsparken,
        sigma: 0.15,
        categories: [
          ['littering', 0.35],
          ['vandalism_graffiti', 0.3],
          ['disorder', 0.2],
          ['lighting', 0.15],
        ],
      },
    },
    {
      weight: 0.14,
      spot: {
        ...PLACES.torget,
        sigma: 0.09,
        categories: [
          ['littering', 0.4],
          ['disorder', 0.3],
          ['vandalism_graffiti', 0.3],
        ],
      },
    },
    {
      weight: 0.12,
      spot: {
        ...PLACES.grondalsskolan,
        sigma: 0.1,
        categories: [
          ['vandalism_graffiti', 0.6],
          ['littering', 0.2],
          ['disorder', 0.2],
        ],
      },
    },
    {
      weight: 0.1,
      spot: {
        ...PLACES.idrottsplats,
        sigma: 0.15,
        categories: [
          ['vandalism_graffiti', 0.4],
          ['littering', 0.4],
          ['lighting', 0.2],
        ],
      },
    },
    {
      weight: 0.12,
      spot: {
        ...PLACES.industri,
        sigma: 0.25,
        categories: [
          ['littering', 0.5],
          ['vandalism_graffiti', 0.25],
          ['theft_burglary', 0.15],
          ['lighting', 0.1],
        ],
      },
    },
    {
      weight: 0.09,
      spot: {
        ...PLACES.tunneln,
        sigma: 0.05,
        categories: [
          ['vandalism_graffiti', 0.6],
          ['lighting', 0.4],
        ],
      },
    },
  ],
  background: 0.25,
  backgroundCategories: [
    ['littering', 0.35],
    ['vandalism_graffiti', 0.25],
    ['lighting', 0.2],
    ['disorder', 0.1],
    ['traffic', 0.05],
    ['other', 0.05],
  ],
  areaShare: 0,
};

/** Police events; a fifth are known only to district level. */
export const POLICE_SPEC: SourceSpec = {
  source: 'police',
  classification: 'police_only',
  spots: [
    {
      weight: 0.2,
      spot: {
        ...PLACES.torget,
        sigma: 0.09,
        categories: [
          ['violence', 0.4],
          ['disorder', 0.35],
          ['harassment', 0.1],
          ['drugs', 0.1],
          ['alcohol', 0.05],
        ],
      },
    },
    {
      weight: 0.15,
      spot: {
        ...PLACES.resecentrum,
        sigma: 0.1,
        categories: [
          ['drugs', 0.3],
          ['theft_burglary', 0.3],
          ['violence', 0.2],
          ['disorder', 0.2],
        ],
      },
    },
    {
      weight: 0.12,
      spot: {
        ...PLACES.handel,
        sigma: 0.18,
        categories: [
          ['theft_burglary', 0.8],
          ['violence', 0.1],
          ['disorder', 0.1],
        ],
      },
    },
    {
      weight: 0.12,
      trend: true,
      spot: {
        ...PLACES.nyhem,
        sigma: 0.13,
        categories: [
          ['drugs', 0.6],
          ['violence', 0.15],
          ['youth_gangs', 0.15],
          ['disorder', 0.1],
        ],
      },
    },
    { weight: 0.1, spot: { ...PLACES.trafikplats, sigma: 0.25, categories: [['traffic', 1]] } },
    {
      weight: 0.08,
      spot: {
        ...PLACES.villor,
        sigma: 0.4,
        categories: [
          ['theft_burglary', 0.9],
          ['vandalism_graffiti', 0.1],
        ],
      },
    },
  ],
  background: 0.23,
  backgroundCategories: [
    ['theft_burglary', 0.35],
    ['traffic', 0.25],
    ['violence', 0.15],
    ['disorder', 0.15],
    ['drugs', 0.1],
  ],
  areaShare: 0.2,
};

/** The category whose growth in the trend hot spot makes the visible trend. */
export const TREND = { category: 'drugs' as CategoryCode, district: 'Nyhem', place: PLACES.nyhem.name } as const;

/** 1 in the first year, then rising to 3× by the end of the window. */
export function trendFactor(t: number): number {
  return t < 0.5 ? 1 : 1 + 4 * (t - 0.5);
}
