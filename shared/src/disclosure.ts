/**
 * Disclosure control for published counts. No figure may rest on fewer than `k` people, and
 * none may be worked out from the others: with the total published, hidden cells are found by
 * subtraction, so (complementary suppression) further cells are hidden until the hidden ones
 * together hold at least `k` people.
 */
export function suppressCounts(counts: readonly number[], k: number): { cells: (number | null)[]; total: number | null } {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < k) return { cells: counts.map(() => null), total: null };
  const hidden = counts.map((c) => c > 0 && c < k);
  let hiddenSum = counts.reduce((sum, c, i) => sum + (hidden[i] ? c : 0), 0);
  if (hidden.some(Boolean)) {
    // Hide the smallest other non-empty cells until the hidden people cannot be singled out.
    const order = counts
      .map((count, i) => ({ count, i }))
      .filter(({ count, i }) => !hidden[i] && count > 0)
      .sort((a, b) => a.count - b.count || a.i - b.i);
    for (const { count, i } of order) {
      if (hiddenSum >= k) break;
      hidden[i] = true;
      hiddenSum += count;
    }
  }
  return { cells: counts.map((c, i) => (hidden[i] ? null : c)), total };
}

/**
 * Disclosure across queries. Counts that can be asked for over any union of areas and periods
 * are built from atoms (one area and one calendar month, say): an atom counts only when it
 * holds at least `k` people on its own, and every figure is a sum of counting atoms. Then the
 * difference of any two figures is itself a sum of counting atoms, 0 or at least `k`, and an
 * atom below `k` enters no figure, so no combination of figures can single it out.
 *
 * `rows` may split an atom further (by category or group); `atomOf` names a row's atom and
 * `size` its people. Returns the rows of the atoms that count, and whether any atom with
 * people in it was left out.
 */
export function countingAtoms<T>(
  rows: readonly T[],
  atomOf: (row: T) => string,
  size: (row: T) => number,
  k: number,
): { rows: T[]; withheld: boolean } {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(atomOf(row), (sizes.get(atomOf(row)) ?? 0) + size(row));
  return {
    rows: rows.filter((row) => (sizes.get(atomOf(row)) ?? 0) >= k),
    withheld: [...sizes.values()].some((n) => n > 0 && n < k),
  };
}

/**
 * The whole calendar months (UTC) that the period [from, to) touches. Survey answers are
 * counted per month (the atoms of `countingAtoms`), so that two periods a day apart cannot be
 * subtracted to reveal one day's respondents.
 */
export function wholeMonths(period: { from: Date; to: Date }): { from: Date; to: Date } {
  const last = new Date(period.to.getTime() - 86_400_000);
  return {
    from: new Date(Date.UTC(period.from.getUTCFullYear(), period.from.getUTCMonth(), 1)),
    to: new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1)),
  };
}
