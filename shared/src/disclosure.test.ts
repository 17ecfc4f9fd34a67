import { describe, expect, it } from 'vitest';
import { countingAtoms, suppressCounts } from './disclosure';
import { must } from './must';

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
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run++) {
      const counts = Array.from({ length: 2 + Math.floor(random() * 6) }, () => Math.floor(random() * (random() < 0.5 ? 6 : 40)));
      const { cells, total } = suppressCounts(counts, 5);
      if (total === null) {
        expect(counts.reduce((a, b) => a + b, 0)).toBeLessThan(5);
        continue;
      }
      cells.forEach((c, i) => {
        if (c !== null) expect(c === 0 || c >= 5, `${counts.join()} → ${cells.join()}`).toBe(true);
        else expect(counts[i]).toBeGreaterThan(0);
      });
      const hiddenSum = counts.reduce((sum, c, i) => sum + (cells[i] === null ? c : 0), 0);
      expect(hiddenSum === 0 || hiddenSum >= 5, `${counts.join()} → ${cells.join()}`).toBe(true);
    }
  });
});

describe('countingAtoms', () => {
  const rows = [
    { area: 'a', month: '2026-01', group: 'woman', n: 3 },
    { area: 'a', month: '2026-01', group: 'man', n: 4 },
    { area: 'a', month: '2026-02', group: 'woman', n: 2 },
    { area: 'b', month: '2026-01', group: 'man', n: 5 },
  ];
  const atomOf = (r: (typeof rows)[number]) => `${r.area}/${r.month}`;

  it('keeps every row of an atom of at least k people, however small its parts', () => {
    const { rows: kept, withheld } = countingAtoms(rows, atomOf, (r) => r.n, 5);
    expect(kept).toEqual([rows[0], rows[1], rows[3]]);
    expect(withheld).toBe(true);
  });

  it('withholds nothing when every atom is empty or large enough', () => {
    expect(countingAtoms(rows.slice(0, 2), atomOf, (r) => r.n, 5)).toEqual({ rows: rows.slice(0, 2), withheld: false });
    expect(countingAtoms([{ ...must(rows[2], 'rows[2]'), n: 0 }], atomOf, (r) => r.n, 5)).toEqual({ rows: [], withheld: false });
  });

  it('makes every difference of two sums over atom sets 0 or at least k (random property)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 500; run++) {
      const atoms = Array.from({ length: 12 }, (_, i) => ({ atom: String(i), n: Math.floor(random() * 9) }));
      const { rows: kept } = countingAtoms(
        atoms,
        (a) => a.atom,
        (a) => a.n,
        5,
      );
      const sum = (within: (i: number) => boolean) => kept.filter((a) => within(Number(a.atom))).reduce((s, a) => s + a.n, 0);
      const [from, to] = [Math.floor(random() * 12), Math.floor(random() * 12)].sort((a, b) => a - b) as [number, number];
      const difference = sum(() => true) - sum((i) => i >= from && i <= to);
      expect(difference === 0 || difference >= 5, `${JSON.stringify(atoms)} ${from}…${to}`).toBe(true);
    }
  });
});
