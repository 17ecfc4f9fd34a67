import { SeededRandom, subSeed } from '@lagesbild/shared/random';
import { buildLayout, kmToLonLat, PLACES } from './geography';
import { demoPopulationGrid } from './population-grid';
import { MUNICIPAL_SPEC, POLICE_SPEC } from './hot-spots';
import { sampleIncident } from './incidents';
import { generateResponse } from './survey-answers';
import { DEFAULT_UNTIL, windowFor } from './timing';
import type { DemoData, DemoOptions, DemoPoint, DemoResponse } from './types';

/**
 * Deterministic demo data: a collaboration "Värnamo" placed on the real town (municipality
 * 0683, Lokalpolisområde Värnamo) with districts, two years of survey responses with pins,
 * municipal EST reports and police events. Pure: the same seed, scale and `until` always
 * give deep-equal output (nothing reads the clock, Math.random or the process time zone).
 * Each part draws from its own seeded stream, so one part's size does not shift the others.
 */

/** Counts at scale 1. */
export const BASE_COUNTS = { responses: 2000, municipalReports: 5000, policeEvents: 3000 } as const;

function scaled(base: number, scale: number): number {
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a finite number >= 0, got ${scale}`);
  return Math.round(base * scale);
}

/** The demo collaboration "Värnamo": same options → deep-equal output. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 1;
  const until = options.until ?? DEFAULT_UNTIL;
  if (Number.isNaN(until.getTime())) throw new RangeError('until is not a valid date');
  const layout = buildLayout(seed);
  const win = windowFor(until);

  const responses: DemoResponse[] = [];
  const surveyPins: DemoPoint[] = [];
  const surveyRng = new SeededRandom(subSeed(seed, 'survey'));
  const responseCount = scaled(BASE_COUNTS.responses, scale);
  for (let i = 0; i < responseCount; i++) {
    const { response, pins } = generateResponse(surveyRng, layout, win);
    responses.push(response);
    surveyPins.push(...pins);
  }
  responses.sort((a, b) => a.submitted_at.getTime() - b.submitted_at.getTime());

  const points: DemoPoint[] = surveyPins;
  const municipalRng = new SeededRandom(subSeed(seed, 'municipality'));
  for (let i = 0, n = scaled(BASE_COUNTS.municipalReports, scale); i < n; i++) {
    points.push(sampleIncident(municipalRng, layout, win, MUNICIPAL_SPEC));
  }
  const policeRng = new SeededRandom(subSeed(seed, 'police'));
  for (let i = 0, n = scaled(BASE_COUNTS.policeEvents, scale); i < n; i++) {
    points.push(sampleIncident(policeRng, layout, win, POLICE_SPEC));
  }

  return {
    collaboration: layout.collaboration,
    municipality: layout.municipality,
    areas: layout.areas,
    responses,
    points,
    populationGrid: demoPopulationGrid(layout),
  };
}

/** The geography alone (collaboration, municipality, areas) for a seed. */
export function demoLayout(seed = 42): Pick<DemoData, 'collaboration' | 'municipality' | 'areas'> {
  const { collaboration, municipality, areas } = buildLayout(seed);
  return { collaboration, municipality, areas };
}

/** The demo's named places (the survey's non-map alternative), where its hot spots are. */
export function demoPlaces(): { name: string; lat: number; lon: number }[] {
  return Object.values(PLACES).map((place) => {
    const [lon, lat] = kmToLonLat(place.km);
    return { name: place.name, lat, lon };
  });
}
