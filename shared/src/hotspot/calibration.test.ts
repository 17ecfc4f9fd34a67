/**
 * The generated calibration test of the statistical standard: null maps (points uniform over a
 * demo-like study area) analysed with the default settings must show a hot cell at adjusted
 * p <= 0.05 on at most 7.5 % of maps — about α, not the 28 % the normal approximation gave.
 */
import { describe, expect, it } from 'vitest';
import { subSeed } from '../random';
import { analyseHotspots } from './analyse';
import { demoLikeArea, pointsInArea } from './test-area';
import { mulberry32 } from './test-random';

const MAPS = 200;
const SIZES = [100, 400, 1600, 10_000] as const;
const MAX_RATE = 0.075;

describe('calibration on null maps', () => {
  const area = demoLikeArea(40);

  it(`shows a hot cell at adjusted p <= 0.05 on at most ${MAX_RATE * 100} % of ${MAPS} null maps per size`, () => {
    const lines: string[] = [];
    for (const n of SIZES) {
      let hot = 0;
      let cold = 0;
      let any = 0;
      const bands: number[] = [];
      const sources = new Map<string, number>();
      const started = performance.now();
      for (let m = 0; m < MAPS; m++) {
        const xy = pointsInArea(area, mulberry32(subSeed(n, `null-map-${m}`)), n);
        const r = analyseHotspots({ xy, bbox: area.bbox, inside: area.inside });
        expect(r.insufficient).toBeUndefined();
        const hasHot = r.classes.some((c) => c >= 2);
        const hasCold = r.classes.some((c) => c <= -2);
        if (hasHot) hot++;
        if (hasCold) cold++;
        if (hasHot || hasCold) any++;
        bands.push(r.band);
        const source = r.meta.choices.band.source;
        sources.set(source, (sources.get(source) ?? 0) + 1);
      }
      bands.sort((a, b) => a - b);
      lines.push(
        `${String(n).padStart(6)} points: hot ${((hot / MAPS) * 100).toFixed(1)} %, cold ${((cold / MAPS) * 100).toFixed(1)} %, ` +
          `any ${((any / MAPS) * 100).toFixed(1)} % of ${MAPS} maps; median band ${bands[MAPS >> 1]} m; ` +
          `${[...sources].map(([s, c]) => `${s} ${c}`).join(', ')}; ${((performance.now() - started) / MAPS).toFixed(1)} ms/map`,
      );
      expect(hot / MAPS, `${n} points`).toBeLessThanOrEqual(MAX_RATE);
    }
    console.log(`Null-map calibration (${area.areaKm2} km² demo-like area, default settings):\n${lines.join('\n')}`);
  }, 120_000);
});
