import { describe, expect, it } from 'vitest';
import { rt90ToWgs84, swerefToWgs84, wgs84ToSweref } from './projection';

describe('Swedish projections', () => {
  it('puts Värnamo west of the 15° E central meridian, about 6 338 km north of the equator', () => {
    const [x, y] = wgs84ToSweref(57.186, 14.04);
    // 0.96° west of the central meridian at 57° N is about 58 km west of the false easting 500 000.
    expect(x).toBeGreaterThan(440_000);
    expect(x).toBeLessThan(444_000);
    expect(y).toBeGreaterThan(6_336_000);
    expect(y).toBeLessThan(6_341_000);
  });

  it('measures one kilometre east as one kilometre (the grid is metric)', () => {
    const [x1, y1] = wgs84ToSweref(57.186, 14.04);
    const [x2, y2] = wgs84ToSweref(57.186, 14.04 + 1 / (111.32 * Math.cos((57.186 * Math.PI) / 180)));
    expect(Math.hypot(x2 - x1, y2 - y1)).toBeGreaterThan(995);
    expect(Math.hypot(x2 - x1, y2 - y1)).toBeLessThan(1005);
  });

  it('round-trips through SWEREF 99 TM to well under a millimetre', () => {
    const [x, y] = wgs84ToSweref(59.3293, 18.0686);
    const [lat, lon] = swerefToWgs84(x, y);
    expect(lat).toBeCloseTo(59.3293, 8);
    expect(lon).toBeCloseTo(18.0686, 8);
  });

  it('reads RT 90 2.5 gon V (Stockholm, X 6 580 822, Y 1 628 540)', () => {
    const [lat, lon] = rt90ToWgs84(1_628_540, 6_580_822);
    expect(lat).toBeCloseTo(59.33, 1);
    expect(lon).toBeCloseTo(18.06, 1);
  });
});
