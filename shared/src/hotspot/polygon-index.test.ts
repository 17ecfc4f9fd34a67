import { describe, expect, it } from 'vitest';
import { polygonSet } from './polygon-index';
import { must } from '../must';
import { mulberry32, pointPairs } from './test-random';

/** Plain ray casting, the reference. */
function reference(rings: number[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const vertices = pointPairs(Float64Array.from(ring));
    vertices.forEach(([xi, yi], i) => {
      const [xj, yj] = must(vertices.at(i - 1), 'the previous vertex');
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    });
  }
  return inside;
}

function star(cx: number, cy: number, points: number, r0: number, r1: number): number[] {
  const ring: number[] = [];
  for (let i = 0; i < 2 * points; i++) {
    const r = i % 2 === 0 ? r1 : r0;
    const a = (Math.PI * i) / points;
    ring.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  return ring;
}

describe('polygonSet', () => {
  it('agrees with plain ray casting on a many-pointed star with a hole', () => {
    const rings = [star(1000, 2000, 400, 300, 900), star(1000, 2000, 7, 50, 120)];
    const set = polygonSet([rings]);
    const rand = mulberry32(3);
    for (let i = 0; i < 20_000; i++) {
      const x = 0 + rand() * 2000;
      const y = 1000 + rand() * 2000;
      expect(set.contains(x, y)).toBe(reference(rings, x, y));
    }
    expect(set.bbox?.[2]).toBeCloseTo(1900);
  });

  it('treats several polygons as a union (overlaps do not cancel out)', () => {
    const square = (x0: number, y0: number, s: number) => [[x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s]];
    const set = polygonSet([square(0, 0, 10), square(5, 5, 10)]);
    expect(set.contains(7, 7)).toBe(true);
    expect(set.contains(2, 2)).toBe(true);
    expect(set.contains(12, 12)).toBe(true);
    expect(set.contains(12, 2)).toBe(false);
    expect(polygonSet([]).contains(1, 1)).toBe(false);
    expect(polygonSet([]).bbox).toBeUndefined();
  });
});
