import { describe, expect, it } from 'vitest';
import { suppressCounts } from './disclosure';

describe('suppressCounts', () => {
  it('publishes nothing when the total is below k', () => {
    expect(suppressCounts([1, 2, 1], 5)).toEqual({ cells: [null, null, null], total: null });
  });

  it('hides a small cell and the next smallest so neither can be derived', () => {
    expect(suppressCounts([20, 3, 12, 9], 5)).toEqual({ cells: [20, null, 12, null], total: 44 });
  });

  it('keeps zeros (nobody) and publishes everything at or above k', () => {
    expect(suppressCounts([5, 0, 7], 5)).toEqual({ cells: [5, 0, 7], total: 12 });
  });

  it('never leaves a visible cell below k nor a hidden sum below k (random property)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 2000; run++) {
      const counts = Array.from({ length: 2 + Math.floor(random() * 6) }, () => Math.floor(random() * (random() < 0.5 ? 6 : 40)));
      const { cells, total } = suppressCounts(counts, 5);
      if (total === null) {
        expect(counts.reduce((a, b) => a + b, 0)).toBeLessThan(5);
        continue;
      }
      cells.forEach((c, i) => {
        if (c !== null) expect(c === 0 || c >= 5, `${counts} → ${cells}`).toBe(true);
        else expect(counts[i]).toBeGreaterThan(0);
      });
      const hiddenSum = counts.reduce((sum, c, i) => sum + (cells[i] === null ? c : 0), 0);
      expect(hiddenSum === 0 || hiddenSum >= 5, `${counts} → ${cells}`).toBe(true);
    }
  });
});
