import { SeededRandom, subSeed } from '@lagesbild/shared/random';
import { buildLayout } from './geography';
import { MUNICIPAL_SPEC, POLICE_SPEC, SURVEY_SPEC } from './hot-spots';
import { sampleIncident } from './incidents';
import { DEFAULT_UNTIL, windowFor } from './timing';
import type { DemoPoint } from './types';

/**
 * Streams `count` point rows for benchmarks (up to millions) without holding them all:
 * the same geography, collaboration id and area ids as `generateDemo({ seed })`, and the
 * same mix of sources (≈ 20 % survey, 50 % municipal, 30 % police). Survey-like points
 * here have origin_kind 'demo' (no response behind them).
 */
export function* generatePoints(count: number, seed = 42, options: { until?: Date } = {}): Generator<DemoPoint, void, undefined> {
  const layout = buildLayout(seed);
  const win = windowFor(options.until ?? DEFAULT_UNTIL);
  const rng = new SeededRandom(subSeed(seed, 'stream'));
  const mix = [0.2, 0.5, 0.3];
  const specs = [SURVEY_SPEC, MUNICIPAL_SPEC, POLICE_SPEC];
  for (let i = 0; i < count; i++) {
    const spec = specs[rng.index(mix)] ?? MUNICIPAL_SPEC;
    yield sampleIncident(rng, layout, win, spec);
  }
}
